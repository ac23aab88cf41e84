import { databasePath } from "~/config/env.server";
import { migrate, MigrationError, openDatabase } from "~/db/migrate.server";

const file = databasePath();
const database = openDatabase(file);
try {
  const result = migrate(database, {
    onApply: (name, i, total) => console.log(`  [${i + 1}/${total}] applying ${name}`),
  });
  console.log(
    result.applied.length
      ? `Applied ${result.applied.length} migration(s) to ${file}; ${result.alreadyApplied} were already applied.`
      : `Database ${file} is up to date (${result.alreadyApplied} migration(s) applied).`,
  );
} catch (error) {
  if (error instanceof MigrationError) {
    console.error(`Migration refused: ${error.message}`);
    process.exitCode = 1;
  } else throw error;
} finally {
  database.close();
}
