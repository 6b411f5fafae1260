/**
 * vitest globalSetup: compiles the sources once before the test files start (bin/fresh-build.js),
 * so the tests that start the command (bin/) do not each compile them, several at once, after an edit.
 */
export default async function setup(): Promise<void> {
  const { freshBuild } = (await import("../../bin/fresh-build.js" as string)) as { freshBuild(root: URL): URL };
  freshBuild(new URL("../../", import.meta.url));
}
