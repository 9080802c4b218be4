declare module 'mnist' {
  interface Sample {
    input: number[];
    output: number[];
  }
  interface Mnist {
    set(training: number, test: number): { training: Sample[]; test: Sample[] };
    [digit: number]: { get(index: number): number[]; length: number; range(start: number, end: number): number[][] };
  }
  const mnist: Mnist;
  export = mnist;
}
