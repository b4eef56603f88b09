// The CronJobs section (issue 15, item 4): every CronJob pattern draws from the CronJob
// controller simulation with its Jobs and Pods nested, the stories the guide tells hold in the
// page (Forbid's skipped and late runs, startingDeadlineSeconds after a suspend and an outage),
// names and tooltips reach keyboard users (one tab stop, arrow keys between rows and along them), embeds take their knobs from the URL, nothing scrolls
// sideways on a 320 px phone; and the schedule explainer, loaded with the workbench module,
// explains, warns and points at bad input without losing it.
import { test, expect } from './fixtures.mjs';

const CRON = [
  ['schedule-history', 'Schedule and history limits'],
  ['forbid', 'Forbid skips a run'],
  ['replace', 'Replace stops a run'],
  ['missed-runs', 'Missed runs and startingDeadlineSeconds'],
];

const patterns = (page) => page.getByRole('group', { name: 'CronJob patterns' });
const svg = (page) => page.locator('svg.diagram-svg');
const jobRows = (page) => svg(page).locator('[aria-label^="Job "]');
const podRows = (page) => svg(page).locator('[aria-label^="Pod "]');
const status = (page) => page.locator('.diagram-status[role="status"]');
const button = (page, name) => page.getByRole('button', { name, exact: true });
const focusedLabel = (page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
const focusInDiagram = (page) => page.evaluate(() => !!document.activeElement?.closest('svg.diagram-svg'));
const marker = (page, time) => svg(page).getByRole('img', { name: new RegExp(`^${time}: scheduled time`) });

test('every CronJob pattern renders its Jobs with their Pods nested', async ({ page }) => {
  await page.goto('./#/cronjobs');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(CRON[0][1]);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('link', { name: 'CronJobs', exact: true })).toHaveAttribute('aria-current', 'page');
  for (const [slug, label] of CRON) {
    await patterns(page).getByRole('button', { name: label, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`#/cronjobs/${slug}$`));
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(label);
    await expect(jobRows(page).first()).toBeVisible();
    // Each Pod row names its Job, whose row comes right before the Job's Pods.
    const pod = await podRows(page).first().getAttribute('aria-label');
    expect(pod).toMatch(/^Pod [a-z]+-\d+-\w+ of Job [a-z]+-\d+: /);
    await expect(status(page)).toHaveText(/^(Scheduling|Suspended|Controller down): \d+ active, \d+ Jobs created/);
    await expect(page.getByRole('heading', { name: 'CronJob controller' })).toBeVisible();
  }
  await page.goBack();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(CRON[2][1]);
});

test('Forbid skips 0:10 and starts 0:15 late, and the player replays it', async ({ page }) => {
  await page.goto('./#/cronjobs/forbid');
  await expect(marker(page, '00:10:00')).toHaveAttribute('aria-label', /no Job: one is still active and concurrencyPolicy is Forbid \(JobAlreadyActive\)$/);
  await expect(marker(page, '00:15:00')).toHaveAttribute('aria-label', /created late, at 00:16:02$/);
  await expect(page.locator('.cron-events')).toContainText('JobAlreadyActive');
  await button(page, 'Reset').click();
  await expect(status(page)).toHaveText('Scheduling: 0 active, 0 Jobs created, 0 kept, last scheduled none');
  await expect(jobRows(page)).toHaveCount(0);
  await button(page, 'Step').click();
  await expect(page.locator('.time-out')).toHaveText(/^00:05:00 \/ 00:30:00$/);
  await expect(jobRows(page)).toHaveCount(1);
  await button(page, 'End').click();
  await expect(jobRows(page)).toHaveCount(3);
});

test('startingDeadlineSeconds decides which missed time starts late', async ({ page }) => {
  await page.goto('./#/cronjobs/missed-runs');
  await expect(svg(page).getByRole('img', { name: 'Suspended 00:06:00 to 00:17:30' })).toBeVisible();
  await expect(svg(page).getByRole('img', { name: 'CronJob controller down 00:27:00 to 00:31:00' })).toBeVisible();
  await expect(marker(page, '00:15:00')).toHaveAttribute('aria-label', /no Job: the CronJob is suspended$/);
  await expect(marker(page, '00:30:00')).toHaveAttribute('aria-label', /created late, at 00:31:00$/);
  const knob = page.getByRole('spinbutton', { name: 'startingDeadlineSeconds' });
  await knob.fill('300');
  await knob.dispatchEvent('change');
  await expect(marker(page, '00:15:00')).toHaveAttribute('aria-label', /created late, at 00:17:30$/);
  await knob.fill('30');
  await knob.dispatchEvent('change');
  await expect(marker(page, '00:30:00')).toHaveAttribute('aria-label', /no Job: the CronJob controller is down$/);
  await button(page, 'Preset values').click();
  await expect(knob).toHaveValue('120');
});

test('the CronJob diagram is one tab stop and the arrow keys walk its rows', async ({ page }) => {
  await page.goto('./#/cronjobs/missed-runs');
  const rows = svg(page).locator('.cron-row');
  await expect(jobRows(page).first()).toBeVisible();
  await expect(svg(page).locator('[tabindex="0"]')).toHaveCount(1);
  const items = await svg(page).locator('[tabindex]').count();
  expect(items).toBeGreaterThan(10);
  await expect(svg(page).locator('[tabindex="-1"]')).toHaveCount(items - 1);

  // Tab enters the diagram at the schedule row, and the next Tab leaves it.
  await page.getByRole('slider', { name: 'Time' }).focus();
  for (let i = 0; i < 5 && !(await focusInDiagram(page)); i += 1) await page.keyboard.press('Tab');
  await expect(rows.first()).toBeFocused();
  await expect(page.getByRole('tooltip')).toHaveText(/^CronJob \S+: schedule /);
  await page.keyboard.press('Tab');
  expect(await focusInDiagram(page)).toBe(false);
  await page.keyboard.press('Shift+Tab');
  await expect(rows.first()).toBeFocused();

  // Right walks the schedule row's markers in time order, Left walks back.
  await page.keyboard.press('ArrowRight');
  expect(await focusedLabel(page)).toMatch(/^00:05:00: scheduled time/);
  await page.keyboard.press('ArrowRight');
  expect(await focusedLabel(page)).toMatch(/^00:10:00: scheduled time/);
  // Down lands on the controller row's item nearest in time: the suspended stretch.
  await page.keyboard.press('ArrowDown');
  expect(await focusedLabel(page)).toBe('Suspended 00:06:00 to 00:17:30');
  await expect(page.getByRole('tooltip')).toHaveText('Suspended 00:06:00 to 00:17:30');
  await page.keyboard.press('ArrowRight');
  expect(await focusedLabel(page)).toBe('CronJob controller down 00:27:00 to 00:31:00');
  await page.keyboard.press('ArrowRight');
  expect(await focusedLabel(page)).toBe('CronJob controller down 00:27:00 to 00:31:00');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  expect(await focusedLabel(page)).toMatch(/^CronJob controller: Suspended/);
  // Down walks the rows' labels: the first Job, then its Pod; Up walks back to the schedule.
  await page.keyboard.press('ArrowDown');
  expect(await focusedLabel(page)).toMatch(/^Job \S+: for the scheduled time 00:05:00 UTC, created 00:05:00/);
  await page.keyboard.press('ArrowDown');
  expect(await focusedLabel(page)).toMatch(/^Pod \S+ of Job \S+: /);
  await page.keyboard.press('ArrowRight');
  expect(await focusedLabel(page)).toMatch(/^(Pending|Running) .*\(Pod \S+\)$/);
  const remembered = await focusedLabel(page);
  await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < 5; i += 1) await page.keyboard.press('ArrowUp');
  await expect(rows.first()).toBeFocused();

  // The tab stop follows the focus: leave, come back, and the item last focused has it.
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  expect(await focusedLabel(page)).toBe(remembered);
  await page.keyboard.press('Tab');
  expect(await focusInDiagram(page)).toBe(false);
  await page.keyboard.press('Shift+Tab');
  expect(await focusedLabel(page)).toBe(remembered);
  await expect(svg(page).locator('[tabindex="0"]')).toHaveCount(1);

  // Home and End still move time from the diagram, and the focus survives playing.
  await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowUp');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.getByRole('slider', { name: 'Time' })).toHaveValue('0');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('Space');
  await expect.poll(async () => Number(await page.getByRole('slider', { name: 'Time' }).inputValue())).toBeGreaterThan(2);
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(rows.first()).toBeFocused();
  await expect(jobRows(page).first()).toBeVisible();
  await expect(page.getByRole('tooltip')).toHaveText(/scheduled times so far, [1-9]\d* with a Job$/);
});

test('a focused CronJob item keeps its element while the diagram plays, and a click elsewhere is not undone', async ({ page }) => {
  await page.goto('./#/cronjobs/forbid');
  // At 00:05:20 the first Job's Pod runs, and nothing happens until 00:10:00; the Job's active
  // stretch still grows, and its name with it, on every tick.
  await page.getByRole('slider', { name: 'Time' }).fill('320');
  await expect(page.locator('.time-out')).toHaveText(/^00:05:20 \//);
  const active = svg(page).getByRole('img', { name: /^Active 00:05:00 to / });
  await expect(active).toHaveCount(1);
  await active.focus();
  const before = await focusedLabel(page);
  await page.evaluate(() => { document.activeElement.dataset.probe = 'focused'; });
  await active.press('Space');
  await expect(button(page, 'Pause')).toBeVisible();
  // The same element keeps the focus (a rebuilt one would have lost the probe, and a screen
  // reader would hear it again), and its name follows the time.
  await expect.poll(() => focusedLabel(page)).not.toBe(before);
  expect(await page.evaluate(() => document.activeElement?.dataset.probe)).toBe('focused');
  expect(await focusedLabel(page)).toMatch(/^Active 00:05:00 to \S+ \(Job \S+\)$/);
  // A click on the page's background takes the focus out, and the next ticks leave it there.
  // The tagline is outside <main> (which takes focus itself), so the press leaves the focus
  // to nothing, as a redraw that rebuilds the focused element does.
  await page.locator('.tagline').click();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  const at = Number(await page.getByRole('slider', { name: 'Time' }).inputValue());
  await expect.poll(async () => Number(await page.getByRole('slider', { name: 'Time' }).inputValue())).toBeGreaterThan(at + 1);
  expect(await focusInDiagram(page)).toBe(false);
});

test('a CronJob embed takes its knobs from the URL and offers the full page', async ({ page }) => {
  await page.goto('./#/embed/cronjobs/forbid?runSeconds=200&theme=dark');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Forbid skips a run');
  await expect(page.getByRole('spinbutton', { name: 'run seconds' })).toHaveValue('200');
  await expect(jobRows(page)).toHaveCount(5);
  await expect(svg(page).getByRole('img', { name: /JobAlreadyActive/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /Open in Joblab/ })).toHaveAttribute('href', './#/cronjobs/forbid');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('the Embed button offers the CronJob embed with the knobs set', async ({ page }) => {
  await page.goto('./#/cronjobs/schedule-history');
  const knob = page.getByRole('spinbutton', { name: 'successfulJobsHistoryLimit' });
  await knob.fill('4');
  await knob.dispatchEvent('change');
  await button(page, 'Embed').click();
  await expect(page.getByRole('textbox', { name: 'Embed code' })).toHaveValue(
    /#\/embed\/cronjobs\/schedule-history\?successfulJobsHistoryLimit=4&amp;failedJobsHistoryLimit=1&amp;failEvery=3&amp;theme=auto"/,
  );
});

test('on a 320 px phone the page does not scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  for (const hash of ['#/cronjobs/missed-runs', '#/schedule']) {
    await page.goto(`./${hash}`);
    await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
    if (hash === '#/schedule') await expect(page.locator('.schedule-sentence')).toBeVisible();
    else await expect(jobRows(page).first()).toBeVisible();
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(scroll, hash).toBeLessThanOrEqual(client);
  }
});

test.describe('schedule explainer', () => {
  const from = 'from=2025-03-28T00:00:00Z';
  const scheduleBox = (page) => page.getByRole('textbox', { name: 'schedule' });
  const zoneBox = (page) => page.getByRole('combobox', { name: 'timeZone (empty for none)' });

  test('explains a schedule in its zone and in UTC, with the daylight-saving warning', async ({ page }) => {
    await page.goto(`./#/schedule?schedule=30+2+*+*+*&timeZone=Europe/Berlin&${from}`);
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('Schedule explainer');
    await expect(page.locator('.schedule-sentence')).toHaveText('At 02:30 every day, Europe/Berlin time');
    await expect(page.getByRole('list', { name: 'Warnings' })).toContainText('02:30 does not exist in Europe/Berlin on 2025-03-30');
    const table = page.getByRole('table', { name: 'Next 5 runs after 2025-03-28T00:00:00Z' });
    await expect(table.getByRole('columnheader')).toHaveText(['Europe/Berlin', 'UTC']);
    await expect(table.getByRole('row').nth(3)).toHaveText('2025-03-31T02:30:00+02:002025-03-31T00:30:00Z');
  });

  test('warns about the day fields OR and a * minute, by keyboard', async ({ page }) => {
    await page.goto(`./#/schedule?${from}`);
    await expect(page.locator('.schedule-sentence')).toHaveText('At 03:00 every day, Europe/Berlin time');
    await scheduleBox(page).focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('0 9 13 * 5');
    await expect(page.getByRole('list', { name: 'Warnings' })).toContainText('Day of month (13) and day of week (Friday) are both restricted, so it runs when either matches');
    await scheduleBox(page).fill('* 3 * * *');
    await expect(page.getByRole('list', { name: 'Warnings' })).toContainText('every minute');
    await page.keyboard.press('Tab');
    await expect(zoneBox(page)).toBeFocused();
    await zoneBox(page).fill('');
    await expect(page.locator('.schedule-sentence')).not.toContainText('Europe/Berlin');
    await expect(page.getByRole('table').getByRole('columnheader')).toHaveText(['UTC']);
  });

  test('bad input says what and where, and keeps the text', async ({ page }) => {
    await page.goto(`./#/schedule?${from}`);
    await expect(page.locator('.schedule-sentence')).toBeVisible();
    await scheduleBox(page).fill('0 25 * * *');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('spec.schedule: Invalid value: "0 25 * * *": end of range (25) above maximum (23): 25');
    await expect(alert).toContainText('at characters 3 to 4: 25');
    await expect(scheduleBox(page)).toHaveValue('0 25 * * *');
    await expect(scheduleBox(page)).toHaveAttribute('aria-invalid', 'true');
    await zoneBox(page).fill('Mars/Olympus');
    await expect(alert).toContainText('spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus');
    await scheduleBox(page).fill('0 23 * * *');
    await zoneBox(page).fill('Asia/Tokyo');
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.locator('.schedule-sentence')).toHaveText('At 23:00 every day, Asia/Tokyo time');
  });
});
