// @ts-check
/** @type {import('@docusaurus/types').Config} */
export default {
  title: 'Kubernetes Jobs',
  url: 'http://127.0.0.1',
  baseUrl: '/sites/docusaurus/',
  onBrokenLinks: 'throw',
  // Joblab's web component, on every page.
  scripts: [{src: 'https://example.org/courses/k8s/joblab/joblab-embed.js', type: 'module'}],
  presets: [['classic', {docs: {routeBasePath: '/'}, blog: false, theme: {}}]],
};
