// Invoke-style functions: lookups a program runs with the stack's provider settings.
export * from "./find-load-balancers-by-backend";
