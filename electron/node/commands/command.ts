/** A CLI sub-command: gets its own arguments, returns the process exit code. */
export interface CliCommand {
  /** One line for `banmian --help`. */
  summary: string;
  run(argv: string[]): Promise<number>;
}
