import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { parseAppId, parsePublicUrl } from '../bots/manifests/manifest-fill.js';
import { buildManifestFiles, OUTPUT_PATHS, type ManifestSources } from '../bots/manifests/manifest-package.js';
import { AppError } from '../core/errors.js';
import { printJson, type CliIo } from './cli-io.js';

/** The committed templates and icons (manifests/ at the repository root). */
export const MANIFESTS_DIR = fileURLToPath(new URL('../../manifests/', import.meta.url));

interface ManifestsOptions {
  publicUrl?: string;
  out: string;
  appId?: string;
  json?: boolean;
}

async function readSources(): Promise<ManifestSources> {
  const [slackTemplate, teamsTemplate, colorPng, outlinePng] = await Promise.all([
    readFile(join(MANIFESTS_DIR, 'slack', 'manifest.yml'), 'utf8'),
    readFile(join(MANIFESTS_DIR, 'teams', 'manifest.json'), 'utf8'),
    readFile(join(MANIFESTS_DIR, 'teams', 'color.png')),
    readFile(join(MANIFESTS_DIR, 'teams', 'outline.png')),
  ]);
  return { slackTemplate, teamsTemplate, colorPng, outlinePng };
}

function appIdFrom(options: ManifestsOptions, env: CliIo['env']): string | null {
  if (options.appId !== undefined) return parseAppId(options.appId, '--app-id');
  const fromEnv = env.MICROSOFT_APP_ID?.trim();
  return fromEnv ? parseAppId(fromEnv, 'MICROSOFT_APP_ID') : null;
}

/** `tally manifests`: the Slack manifest and the Teams app package, filled for one public address. */
export function registerManifests(program: Command, io: CliIo): void {
  program
    .command('manifests')
    .description('write the Slack app manifest and the Teams app package (zip) filled with the public URL')
    .option('--public-url <url>', 'the https address Slack and Teams reach Tally at (default: PUBLIC_URL)')
    .option('--out <dir>', 'folder to write into', 'tally-manifests')
    .option('--app-id <guid>', 'the Teams bot app id (default: MICROSOFT_APP_ID); without one only the Slack manifest is written')
    .option('--json', 'print what was written as JSON')
    .action(async (options: ManifestsOptions) => {
      const rawUrl = options.publicUrl ?? io.env.PUBLIC_URL;
      if (rawUrl === undefined || rawUrl.trim() === '') throw new AppError('INVALID_INPUT', 'give --public-url (or set PUBLIC_URL): the https address Slack and Teams reach Tally at');
      const publicUrl = parsePublicUrl(rawUrl);
      const appId = appIdFrom(options, io.env);
      const files = buildManifestFiles(await readSources(), { publicUrl, appId, now: io.now() });
      const outDir = resolve(io.cwd, options.out);
      const written: string[] = [];
      for (const file of files) {
        const path = join(outDir, file.path);
        try {
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, file.data);
        } catch (error) {
          throw new AppError('INVALID_INPUT', `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? 'write failed'}`, { cause: error });
        }
        written.push(path);
      }
      if (options.json) {
        printJson(io, { publicUrl: publicUrl.url, out: outDir, teams: appId === null ? 'skipped' : 'written', files: written });
        return;
      }
      const shown = (path: string) => {
        const rel = relative(io.cwd, path);
        return rel === '' || rel.startsWith('..') ? path : rel;
      };
      io.stdout(written.map((path) => `wrote ${shown(path)}\n`).join(''));
      io.stdout(`Slack: create the app from ${shown(join(outDir, OUTPUT_PATHS.slackManifest))} (README, "Connect Slack")\n`);
      io.stdout(
        appId === null
          ? 'Teams: skipped, no app id (set MICROSOFT_APP_ID or pass --app-id to build the Teams app package)\n'
          : `Teams: upload ${shown(join(outDir, OUTPUT_PATHS.teamsZip))} in the Teams admin center (README, "Connect Teams")\n`,
      );
    });
}
