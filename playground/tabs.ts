// The side pane's tabs (Summary, Graph, Training): one visible panel, the choice kept as a setting.
export function setupTabs(onShow: (tab: string) => void, initial = 'summary'): (tab: string) => void {
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('.tabs [data-tab]')];
  const show = (tab: string) => {
    if (!buttons.some((b) => b.dataset.tab === tab)) tab = 'summary';
    for (const b of buttons) b.setAttribute('aria-selected', String(b.dataset.tab === tab));
    for (const panel of document.querySelectorAll<HTMLElement>('[data-tab-panel]')) panel.hidden = panel.dataset.tabPanel !== tab;
    onShow(tab);
  };
  for (const b of buttons) b.addEventListener('click', () => show(b.dataset.tab!));
  show(initial);
  return show;
}
