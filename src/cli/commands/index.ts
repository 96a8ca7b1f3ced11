// Registry of subcommands. Each command file exports `register(program, setExitCode)`.
import { register as run } from './run.ts';
import { register as check } from './check.ts';
import { register as explain } from './explain.ts';
import { register as io } from './io.ts';
import { register as survey } from './survey.ts';
import { register as audit } from './audit.ts';
import { register as plan } from './plan.ts';
import { register as serve } from './serve.ts';
import { register as init } from './init.ts';
import { register as load } from './load.ts';

export { consoleWidth, helpIn, studyArgument, WIDE_HELP, type Register } from './register.ts';
import type { Register } from './register.ts';

export const commands: Register[] = [run, check, explain, io, survey, audit, plan, serve, init, load];
