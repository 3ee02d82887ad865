import type { Command } from '../command';
import { backtestCommand } from './backtest';
import { checkCommand } from './check';
import { dashboardsCommand } from './dashboards';
import { discoverCommand } from './discover';
import { profileCommand } from './profile';
import { rulesCommand } from './rules';
import { scoreCommand } from './score';

/** Every `perfscope` subcommand, in the order `perfscope --help` lists them. */
export const commands: Command[] = [
  profileCommand,
  scoreCommand,
  checkCommand,
  backtestCommand,
  discoverCommand,
  rulesCommand,
  dashboardsCommand,
];
