import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Controller, Get, Header, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { ProblemException } from '@app/platform';

/** apps/web/dist of the checkout: from the working directory, else found upwards from this file. */
export function webDistDir(): string {
  const fromCwd = resolve(process.cwd(), 'apps/web/dist');
  if (existsSync(fromCwd)) return fromCwd;
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'apps/web'))) return join(dir, 'apps/web/dist');
  }
  return fromCwd;
}

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>网页端尚未构建</title>
<body style="font-family:sans-serif;padding:40px"><h2>网页端尚未构建</h2>
<p>请在项目目录运行 <code>npm run build</code>（或 <code>npm start</code>，会先构建）后刷新本页。</p>
<p>接口文档：<a href="/api/docs">/api/docs</a></p></body></html>`;

/**
 * SPA fallback: every GET that is not an API, docs or health route and not a built file (those are
 * served by @fastify/static, registered in WebModule) gets index.html, so client routes such as
 * /projects/… survive a reload. Unknown /api and /health paths stay problem+json 404s.
 */
@ApiExcludeController()
@Controller()
export class SpaController {
  private indexHtml: string | null = null;

  @Get('*')
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  index(@Req() request: { url: string }): string {
    const path = request.url.split('?')[0];
    if (/^\/(api|health)(\/|$)/.test(path)) {
      throw new ProblemException(404, 'NOT_FOUND', 'Not Found', `没有这个接口：${path}，请查看接口文档 /api/docs`);
    }
    if (this.indexHtml === null) {
      const file = join(webDistDir(), 'index.html');
      if (!existsSync(file)) return NOT_BUILT;
      this.indexHtml = readFileSync(file, 'utf8');
    }
    return this.indexHtml;
  }
}
