// A CronJob in the lab: pasted, it is checked and simulated (one row per Job on one time axis, with
// a player), and the terminal reads its cluster: get cronjobs, describe cronjob, get jobs, and
// create job --from=cronjob as a scenario action that replays. axe finds no violation, in both
// themes.
import { test, expect } from './fixtures.mjs';
import { axeViolations } from './axe.mjs';

const editor = (page) => page.getByRole('textbox', { name: 'Job YAML' });
const output = (page) => page.getByRole('log', { name: 'Terminal output' });
const rows = (page) => page.getByRole('list', { name: 'Jobs the CronJob created' }).getByRole('listitem');

const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "*/5 * * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: dump
            image: busybox:1.36
`;

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
  await expect(rows(page).first()).toContainText('backup-28928165');
  await expect(rows(page).first()).toContainText(/Complete at 2025-01-01T00:05:1\dZ/);
  // The player: back to the start, nothing yet; Step moves to the first Job's creation.
  await page.getByRole('group', { name: 'Player' }).getByRole('button', { name: 'Reset' }).click();
  await expect(rows(page)).toHaveCount(0);
  await page.getByRole('group', { name: 'Player' }).getByRole('button', { name: 'Step' }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('running');
  await page.getByRole('group', { name: 'Player' }).getByRole('button', { name: 'End' }).click();

  expect(await command(page, 'get cronjobs')).toMatch(/NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE/);
  expect(await command(page, 'describe cronjob backup')).toContain('Concurrency Policy:');
  // The successful-jobs history limit (3 by default) deleted the two oldest of the five.
  const jobs = await command(page, 'get jobs');
  expect(jobs).toContain('backup-28928185');
  expect(jobs).not.toContain('backup-28928165');
  await expect(rows(page).first()).toContainText(/deleted at 2025-01-01T00:/);
  // Tab completes the flag with the CronJob.
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.fill('create job by-hand --fr');
  await input.press('Tab');
  await expect(input).toHaveValue('create job by-hand --from=cronjob/backup ');
  await input.fill('');
  expect(await command(page, 'create job by-hand --from=cronjob/backup')).toContain('job.batch/by-hand created');
  // The action is in the scenario, and the replayed run has the Job made by hand.
  await expect(page.getByRole('textbox', { name: 'Scenario YAML' })).toHaveValue(/createJob:\s*\n?\s*name: by-hand/);
  await expect(rows(page).filter({ hasText: 'by-hand' })).toContainText('by kubectl create job');
  expect(await command(page, 'get jobs')).toContain('by-hand');
  expect(await command(page, 'get events')).toContain('UnexpectedJob');

  expect(await axeViolations(page)).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await axeViolations(page)).toEqual([]);
});
