#!/usr/bin/env node
import { ConfigError, loadConfig } from './core/config.js';
import { AppError } from './core/errors.js';
import { checkEmail } from './modules/accounts/commands/invitation-commands.js';
import { issueLoginToken } from './modules/accounts/commands/login-token-commands.js';
import { makePlatformAdmin } from './modules/accounts/commands/user-creator.js';
import { renewDemoPassAccess } from './modules/passes/commands/path-demo-access.js';
import { openDatabase, seedDemo, serve } from './server.js';

const usage = `Gebruik: node dist/cli.js <opdracht>

  serve [--no-demo]  start de server (laadt bij de eerste start demogegevens, tenzij --no-demo)
  migrate            voer databasemigraties uit
  seed               laad de demogegevens (doet niets als ze er al zijn)
  platform-admin <e-mailadres>
                     maak iemand platformbeheerder en toon een inloglink (een kwartier geldig)
  link <e-mailadres> toon een inloglink (een kwartier geldig) voor een bestaand account,
                     bijvoorbeeld een van de demo-accounts
  demo-pass          toon voor de verzonnen demokinderen een pascode, een nieuwe geheime code
                     en een eigen link naar hun pad (alleen in demo-ecosystemen)

Instellingen via omgevingsvariabelen: PORT, HOST, DATA_DIR, DATABASE_URL, ADMIN_TOKEN, PUBLIC_URL, SMTP_URL, MAIL_FROM, LOG_LEVEL (zie README).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...flags] = argv;
  const unknown = command === 'platform-admin' || command === 'link' ? (flags.length === 1 ? [] : ['?']) : flags.filter((f) => f !== '--no-demo' || command !== 'serve');
  if (!command || unknown.length > 0 || !['serve', 'migrate', 'seed', 'platform-admin', 'link', 'demo-pass'].includes(command)) {
    console.error(usage);
    return command === undefined || command === '--help' ? 0 : 2;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const runtime = await serve(config, { demo: !flags.includes('--no-demo') });
      const bound = runtime.app.server.address();
      const port = typeof bound === 'object' && bound ? bound.port : config.port;
      const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
      const where = runtime.database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL-server';
      console.log(`Leerecosysteem draait op http://${host}:${port} (${where})`);
      return -1; // keep running until a signal
    }
    case 'migrate': {
      const database = await openDatabase(config);
      await database.close();
      console.log('Migraties uitgevoerd.');
      return 0;
    }
    case 'seed': {
      const database = await openDatabase(config);
      await seedDemo(database);
      await database.close();
      console.log('Demogegevens geladen.');
      return 0;
    }
    case 'demo-pass': {
      const database = await openDatabase(config);
      try {
        const passes = await database.transaction((tx) => renewDemoPassAccess(tx));
        if (passes.length === 0) {
          console.error('Er zijn geen demopassen. Laad eerst de demogegevens (seed).');
          return 2;
        }
        console.log('Verzonnen demokinderen (de oude geheime codes en links werken niet meer):');
        for (const p of passes) {
          console.log(`\n${p.nickname}\n  pascode ${p.code}, geheime code ${p.secret}\n  ${config.publicUrl}/e/${p.ecosystemSlug}/mijn-pad/${p.token}`);
        }
        return 0;
      } finally {
        await database.close();
      }
    }
    case 'platform-admin':
    case 'link': {
      const database = await openDatabase(config);
      try {
        const email = checkEmail(flags[0] ?? '');
        const token = await database.transaction(async (tx) => {
          if (command === 'platform-admin') return issueLoginToken(tx, await makePlatformAdmin(tx, email), 'sign_in');
          const user = await tx.db.selectFrom('users').select('id').where('email', '=', email).where('status', '=', 'active').executeTakeFirst();
          return user ? issueLoginToken(tx, user.id, 'sign_in') : undefined;
        });
        if (!token) {
          console.error(`Er is geen actief account met ${email}.`);
          return 2;
        }
        const what = command === 'platform-admin' ? `${email} is platformbeheerder. ` : '';
        console.log(`${what}Log binnen een kwartier in als ${email} via:\n${config.publicUrl}/inloggen/link/${token}`);
        return 0;
      } catch (error) {
        if (error instanceof AppError) {
          console.error(`Dat is geen geldig e-mailadres: "${flags[0]}"`);
          return 2;
        }
        throw error;
      } finally {
        await database.close();
      }
    }
  }
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof ConfigError ? `Instelling klopt niet: ${error.message}` : error);
    process.exit(1);
  },
);
