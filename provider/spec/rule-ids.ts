// The ids of the engine's rules (catalogue.ts says what each means), as a type the spec's
// declarations and the error catalogue cite.
export const RULE_IDS = [
  ...["G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8", "G9", "G10"],
  ...["N1", "N2"],
  ...["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9"],
  ...["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8"],
  ...["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10"],
  ...["M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "M9"],
  ...["H1", "H2", "H3"],
  ...["D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9", "D10", "D11", "D12"],
  ...["F1", "F2", "F3", "F4", "F5"],
  ...["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8"],
  ...["T1", "T2", "T3", "T4", "T5"],
  ...["I1", "I2", "I3", "I4", "I5", "I6"],
] as const;

export type RuleId = (typeof RULE_IDS)[number];
