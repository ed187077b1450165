/**
 * `xuke serve [--port N] [--host H] [--role all|web|worker]`: the HTTP API and the job workers. The
 * server itself is built by the service's composition root (main/server.ts, with the environment's
 * settings), handed in as `load`, so this adapter never imports main/. `--role` is the flag form of
 * XUKE_ROLE (docs/deployment.md): several instances on one PostgreSQL split into web instances that
 * answer requests and worker instances that run the queue.
 */
import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';

export const SERVE_ROLES = ['all', 'web', 'worker'] as const;
export type ServeRole = (typeof SERVE_ROLES)[number];

export interface ServeModule {
  runServer(options: {
    port?: number;
    host?: string;
    role?: ServeRole;
    print: (line: string) => void;
  }): Promise<void>;
}

export function registerServeCommands(
  program: Command,
  ctx: CliContext,
  load: () => Promise<ServeModule>,
): void {
  program
    .command('serve')
    .description(
      '启动 HTTP API 服务与任务队列（默认 127.0.0.1:3000，PORT/HOST 可覆盖） / run the HTTP API and the job queue (default 127.0.0.1:3000; PORT/HOST override)',
    )
    .option('--port <n>', '端口 / port')
    .option('--host <host>', '监听地址 / address to listen on')
    .option(
      '--role <role>',
      '实例角色：all（默认）、web（只处理请求）、worker（只运行任务）；多实例需 PostgreSQL / what this instance does: all (default), web (requests only), worker (jobs only); web and worker need PostgreSQL (XUKE_ROLE)',
    )
    .action(async (o: { port?: string; host?: string; role?: string }) => {
      const port = o.port === undefined ? undefined : Number(o.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
        ctx.io.stderr(`xuke serve: --port ${o.port ?? ''}: expected 0–65535\n`);
        process.exitCode = 2;
        return;
      }
      const role = SERVE_ROLES.find((r) => r === o.role);
      if (o.role !== undefined && role === undefined) {
        ctx.io.stderr(
          `xuke serve: --role “${o.role}” 应为 all、web、worker 之一 / expected one of all, web, worker\n`,
        );
        process.exitCode = 2;
        return;
      }
      const server = await load();
      try {
        await server.runServer({
          ...(port === undefined ? {} : { port }),
          ...(o.host === undefined ? {} : { host: o.host }),
          ...(role === undefined ? {} : { role }),
          print: (line) => {
            ctx.io.stdout(`${line}\n`);
          },
        });
      } catch (e) {
        ctx.io.stderr(`xuke serve: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 2;
      }
    });
}
