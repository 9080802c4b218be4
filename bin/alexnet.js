#!/usr/bin/env node
// libuv's thread pool (4 threads unless set) runs sharp's decodes and file reads: one thread per core, so
// `alexnet check` decodes on every core of a larger machine. Read when the pool starts, so set before any I/O.
if (!process.env.UV_THREADPOOL_SIZE) process.env.UV_THREADPOOL_SIZE = String(Math.max(4, require('os').availableParallelism()));
require('../dist/cli.js');
