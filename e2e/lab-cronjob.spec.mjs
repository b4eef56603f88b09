// A CronJob in the lab: pasted, it is checked, simulated and drawn by the guide's CronJob diagram
// (the schedule, each Job with its Pods on one time axis, the same player; one tab stop with the
// arrow keys between rows), and the terminal reads its cluster: get cronjobs, describe cronjob, get jobs, and
// create job --from=cronjob as a scenario action that replays. axe finds no violation, in both
// themes.
import { test, expect, BACKUP_CRONJOB } from './fixtures.mjs';
import { axeViolations } from './axe.mjs';

const editor = (page) => page.getByRole('textbox', { name: 'Job YAML' });
const output = (page) => page.getByRole('log', { name: 'Terminal output' });
const diagram = (page) => page.getByRole('group', { name: "The CronJob's Jobs over time" });
const rows = (page) => diagram(page).locator('svg.diagram-svg [aria-label^="Job "]');
const focusedLabel = (page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');

const CRONJOB = BACKUP_CRONJOB;

async function command(page, line) {
  const before = await output(page).locator('.term-entry').count();
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.fill(line);
  await input.press('Enter');
  await expect(output(page).locator('.term-entry')).toHaveCount(before + 1);
  return (await output(page).locator('.term-entry').last().textContent()) ?? '';
}

test('a pasted CronJob is simulated, drawn and read by the terminal', async ({ page }) => {
  await page.goto('#/lab');
  await expect(editor(page)).toHaveValue(/name: pi/);
  await editor(page).fill(CRONJOB);
  await expect(page.getByRole('heading', { name: "The CronJob's Jobs over time" })).toBeVisible();
  // An edit keeps the player's time (the pi Job's end, before the first run): End shows it all.
  await page.getByRole('group', { name: 'Player' }).getByRole('button', { name: 'End' }).click();
  // Five scheduled runs of ten seconds each within the horizon, every one complete at the end.
  await expect(rows(page)).toHaveCount(5);
  await expect(rows(page).first()).toHaveAttribute('aria-label', /^Job backup-28928165: for the scheduled time 00:05:00 UTC, created 00:05:00, Complete at 00:05:1\d/);
  await expect(diagram(page).getByRole('heading', { name: 'CronJob controller' })).toBeVisible();
  // The player: back to the start, nothing yet; Step moves to the first Job's creation.
  await page.getByRole('group', { name: 'Player' }).getByRole('button', { name: 'Reset' }).click();
  await expect(rows(page)).toHaveCount(0);
  await page.getByRole('group', { name: 'Player' }).getByRole('button', { name: 'Step' }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toHaveAttribute('aria-label', /, active$/);
  await page.getByRole('group', { name: 'Player' }).getByRole('button', { name: 'End' }).click();

  expect(await command(page, 'get cronjobs')).toMatch(/NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE/);
  expect(await command(page, 'describe cronjob backup')).toContain('Concurrency Policy:');
  // The successful-jobs history limit (3 by default) deleted the two oldest of the five.
  const jobs = await command(page, 'get jobs');
  expect(jobs).toContain('backup-28928185');
  expect(jobs).not.toContain('backup-28928165');
  await expect(rows(page).first()).toHaveAttribute('aria-label', /, deleted 00:\d\d:\d\d by successfulJobsHistoryLimit$/);
  // One tab stop; Down walks from the schedule row to the first Job and its Pod.
  await expect(diagram(page).locator('svg [tabindex="0"]')).toHaveCount(1);
  const items = await diagram(page).locator('svg [tabindex]').count();
  await expect(diagram(page).locator('svg [tabindex="-1"]')).toHaveCount(items - 1);
  // The pointer leaves the diagram first: the tooltip follows the latest hover or focus.
  await page.mouse.move(0, 0);
  await diagram(page).locator('svg .cron-row').first().focus();
  await expect(page.getByRole('tooltip')).toHaveText(/^CronJob backup: schedule \*\/5 \* \* \* \* in UTC/);
  await page.keyboard.press('ArrowDown');
  expect(await focusedLabel(page)).toMatch(/^Job backup-28928165: /);
  await page.keyboard.press('ArrowDown');
  expect(await focusedLabel(page)).toMatch(/^Pod backup-28928165-\w+ of Job backup-28928165: /);
  await page.keyboard.press('ArrowRight');
  expect(await focusedLabel(page)).toMatch(/\(Pod backup-28928165-\w+\)$/);
  // Tab completes the flag with the CronJob.
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.fill('create job by-hand --fr');
  await input.press('Tab');
  await expect(input).toHaveValue('create job by-hand --from=cronjob/backup ');
  await input.fill('');
  expect(await command(page, 'create job by-hand --from=cronjob/backup')).toContain('job.batch/by-hand created');
  // The action is in the scenario, and the replayed run has the Job made by hand.
  await expect(page.getByRole('textbox', { name: 'Scenario YAML' })).toHaveValue(/createJob:\s*\n?\s*name: by-hand/);
  await expect(diagram(page).locator('svg [aria-label^="Job by-hand: "]')).toHaveAttribute('aria-label', /^Job by-hand: created by hand, not for a scheduled time, created /);
  expect(await command(page, 'get jobs')).toContain('by-hand');
  expect(await command(page, 'get events')).toContain('UnexpectedJob');

  expect(await axeViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axeViolations(page)).toEqual([]);
});
