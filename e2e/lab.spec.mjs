// The YAML lab end to end: editor, diagnostics, presets, simulation, terminal, autosave, share.
import { test, expect } from './fixtures.mjs';

const editor = (page) => page.getByRole('textbox', { name: 'Job YAML' });
const diagnostics = (page) => page.getByRole('list', { name: 'Diagnostics', exact: true });
const output = (page) => page.getByRole('log', { name: 'Terminal output' });

async function open(page) {
  await page.goto('#/lab');
  await expect(editor(page)).toHaveValue(/name: pi/);
  await expect(page.getByRole('group', { name: 'Pods on a time axis' })).toBeVisible();
}

async function command(page, line) {
  const before = await output(page).locator('.term-entry').count();
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.fill(line);
  await input.press('Enter');
  await expect(output(page).locator('.term-entry')).toHaveCount(before + 1);
  return (await output(page).locator('.term-entry').last().textContent()) ?? '';
}

test('an invalid Job shows line:col and path, and fixing it clears it', async ({ page }) => {
  await open(page);
  const pi = await editor(page).inputValue();
  await editor(page).fill(pi.replace('backoffLimit: 4', 'completions: -1'));
  const item = diagnostics(page).getByRole('button', {
    name: /6:16 spec\.completions: Invalid value: -1: must be greater than or equal to 0/,
  });
  await expect(item).toBeVisible();
  await expect(page.getByText('the diagram shows the last valid version')).toBeVisible();
  // The last good diagram stays.
  await expect(page.getByRole('group', { name: 'Pods on a time axis' })).toBeVisible();

  // Choosing the diagnostic puts the caret on the value.
  await item.click();
  const text = await editor(page).inputValue();
  const caret = await editor(page).evaluate((t) => [t.selectionStart, document.activeElement === t]);
  expect(caret).toEqual([text.indexOf('-1'), true]);

  await editor(page).fill(text.replace('completions: -1', 'completions: 1'));
  await expect(item).toHaveCount(0);

  await editor(page).fill(pi.replace('command:', 'comand:'));
  await expect(diagnostics(page).getByRole('button', { name: /12:9 spec\.template\.spec\.containers\[0\]\.comand: Unknown field/ })).toBeVisible();
});

test('the simulation shows Pods and the counters move', async ({ page }) => {
  await open(page);
  const status = page.locator('.lab-diagram .diagram-status');
  await page.getByRole('button', { name: 'Reset' }).click();
  const atStart = await status.textContent();
  await page.getByRole('button', { name: 'End' }).click();
  await expect(status).not.toHaveText(atStart ?? '');
  await expect(status).toContainText('1 succeeded');
  await expect(page.locator('.lab-diagram .panel')).toContainText('1/1');
  // Playing from the start moves time on.
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(status).toContainText('succeeded', { timeout: 10_000 });
});

test('terminal commands against the simulated cluster', async ({ page }) => {
  await open(page);
  let out = await command(page, 'kubectl get jobs');
  expect(out).toMatch(/NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE/);
  expect(out).toMatch(/pi\s+Complete\s+1\/1/);
  out = await command(page, 'get pods -l job-name=pi');
  expect(out).toMatch(/pi-\w+\s+0\/1\s+Completed/);
  const pod = out.match(/(pi-\w+)\s+0\/1/)[1];
  out = await command(page, 'get pods --selector=batch.kubernetes.io/job-name=pi');
  expect(out).toContain(pod);
  out = await command(page, 'describe job pi');
  expect(out).toMatch(/Name:\s+pi/);
  expect(out).toContain('Pods Statuses:');
  out = await command(page, `logs ${pod}`);
  expect(out).toContain('3.14159');
  out = await command(page, 'logs -l job-name=pi');
  expect(out).toContain('3.14159');
  out = await command(page, 'get events');
  expect(out).toContain('SuccessfulCreate');
  out = await command(page, 'get job pi -o yaml');
  expect(out).toContain('kind: Job');
  out = await command(page, 'get job pi -o json');
  expect(out).toContain('"apiVersion": "batch/v1"');
  out = await command(page, 'gett pods');
  expect(out).toContain('error: unknown command "gett" for "kubectl"');
  expect(out).toContain('Did you mean this?');
  out = await command(page, 'get pods --foo');
  expect(out).toContain('error: unknown flag: --foo');

  // Tab completes names from the snapshot.
  const input = page.getByRole('textbox', { name: 'Command' });
  await input.fill('describe job p');
  await input.press('Tab');
  await expect(input).toHaveValue('describe job pi ');
  await input.fill('');

  // Write commands at 5 s, while the Pod runs.
  await page.locator('#diagram-time').fill('5');
  out = await command(page, `delete pod ${pod}`);
  expect(out).toContain(`pod "${pod}" deleted`);
  // The container honours SIGTERM and exits 143 at once; the Pod stays (its tracking finalizer)
  // with a deletionTimestamp, and kubectl's printer shows a stopped Pod's container reason, not
  // Terminating (pkg/printers/internalversion printPod; the views differential checks it).
  out = await command(page, 'get pods');
  expect(out).toMatch(new RegExp(`${pod}\\s+0/1\\s+Error\\s`));
  await expect(page.getByRole('textbox', { name: 'Scenario YAML' })).toHaveValue(/deletePod/);
  out = await command(page, `patch job pi -p '{"spec":{"suspend":true}}'`);
  expect(out).toContain('job.batch/pi patched');
  await expect(page.getByRole('textbox', { name: 'Scenario YAML' })).toHaveValue(/suspend: true/);
  out = await command(page, 'delete job pi');
  expect(out).toContain('job.batch "pi" deleted');
  out = await command(page, 'get jobs');
  expect(out).toContain('No resources found in default namespace.');
  out = await command(page, 'apply -f job.yaml');
  expect(out).toContain('job.batch/pi created');
  await expect(page.getByRole('textbox', { name: 'Scenario YAML' })).not.toHaveValue(/deleteJob/);

  // History: Up recalls the last command.
  await input.press('ArrowUp');
  await expect(input).toHaveValue('apply -f job.yaml');
  await input.fill('');

  out = await command(page, 'create job hello --image=busybox:1.36 -- echo hi');
  expect(out).toContain('job.batch/hello created');
  await expect(editor(page)).toHaveValue(/name: hello/);
  await page.getByRole('button', { name: 'End' }).click();
  out = await command(page, 'get jobs');
  expect(out).toMatch(/hello\s+Complete/);

  // apply of an invalid Job prints kubectl's message.
  const text = await editor(page).inputValue();
  await editor(page).fill(text.replace('restartPolicy: Never', 'restartPolicy: Always'));
  out = await command(page, 'apply -f job.yaml');
  expect(out).toContain('The Job "hello" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');

  await input.fill('clear');
  await input.press('Enter');
  await expect(output(page).locator('.term-entry')).toHaveCount(0);
});

test('a reload restores the text', async ({ page }) => {
  await open(page);
  const text = (await editor(page).inputValue()).replace('backoffLimit: 4', 'backoffLimit: 2');
  await editor(page).fill(text);
  await page.waitForTimeout(600);
  await page.reload();
  await expect(editor(page)).toHaveValue(text);
});

test('a share link restores the state in a new page', async ({ page, context }) => {
  await open(page);
  const text = (await editor(page).inputValue()).replace('name: pi', 'name: shared');
  await editor(page).fill(text);
  await page.locator('#diagram-time').fill('4');
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toMatch(/#\/lab\?s=[A-Za-z0-9_-]+$/);

  const other = await context.newPage();
  await other.goto(link);
  await expect(editor(other)).toHaveValue(text);
  await expect(other.locator('.lab-diagram .time-out')).toContainText('0:04');
  await other.close();
});

test('Tab indents and Ctrl+Z undoes', async ({ page }) => {
  await open(page);
  const before = await editor(page).inputValue();
  await editor(page).focus();
  await editor(page).evaluate((t) => t.setSelectionRange(0, 0));
  await page.keyboard.press('Tab');
  await expect(editor(page)).toHaveValue('  ' + before);
  await page.keyboard.press('Shift+Tab');
  await expect(editor(page)).toHaveValue(before);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+z');
  await expect(editor(page)).toHaveValue(before);
  // Enter keeps the indentation and adds two after a colon.
  const at = before.indexOf('spec:') + 'spec:'.length;
  await editor(page).evaluate((t, at) => t.setSelectionRange(at, at), at);
  await page.keyboard.press('Enter');
  await expect(editor(page)).toHaveValue(before.slice(0, at) + '\n  ' + before.slice(at));
  // Escape then Tab leaves the editor.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(editor(page)).not.toBeFocused();
});

test('switching presets with edits asks first', async ({ page }) => {
  await open(page);
  const preset = page.getByRole('combobox', { name: 'Preset' });
  // Unedited: loads at once.
  await preset.selectOption('parallel');
  await expect(editor(page)).toHaveValue(/name: parallel/);
  const edited = (await editor(page).inputValue()) + '# mine\n';
  await editor(page).fill(edited);
  await preset.selectOption('failure');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep editing' }).click();
  await expect(editor(page)).toHaveValue(edited);
  await preset.selectOption('failure');
  await dialog.getByRole('button', { name: 'Replace my YAML' }).click();
  await expect(editor(page)).toHaveValue(/name: fail-fast/);
  // The effective spec shows the defaulted Job.
  await page.getByText('Effective spec').click();
  await expect(page.locator('.effective-yaml')).toContainText('completionMode: NonIndexed');
});
