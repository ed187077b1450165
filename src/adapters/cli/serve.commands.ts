/**
 * `xuke serve [--port N] [--host H]`: the HTTP API. The server itself is built by the service's
 * composition root (main/server.ts, with the environment's settings), handed in as `load`, so this
 * adapter never imports main/.
 */
import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';

export interface ServeModule {
  runServer(options: {
    port?: number;
    host?: string;
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
      '启动 HTTP API 服务（默认 127.0.0.1:3000，PORT/HOST 可覆盖） / run the HTTP API (default 127.0.0.1:3000; PORT/HOST override)',
    )
    .option('--port <n>', '端口 / port')
    .option('--host <host>', '监听地址 / address to listen on')
    .action(async (o: { port?: string; host?: string }) => {
      const port = o.port === undefined ? undefined : Number(o.port);
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
        ctx.io.stderr(`xuke serve: --port ${o.port ?? ''}: expected 0–65535\n`);
        process.exitCode = 2;
        return;
      }
      const server = await load();
      try {
        await server.runServer({
          ...(port === undefined ? {} : { port }),
          ...(o.host === undefined ? {} : { host: o.host }),
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
