// The pipeline editor: the tree of augmenters with a form per augmenter, generated from the catalogue (the
// registry's option metadata), with buttons to reorder, remove and nest. Every control is a native, labelled element,
// so the editor works from the keyboard.
import type { AugmenterInfo, OptionInfo } from './catalogue.ts';
import { COMMON_OPTIONS, type PipelineNode, fieldText, newNode, walk } from './pipeline.ts';

/** Where the catalogue's "add" puts a new augmenter: a node's slot (children, then, else). */
export interface Target {
  readonly node: PipelineNode;
  readonly slot: string;
}

const COMMON_DOCS: Record<string, string> = {
  seed: 'This augmenter’s own seed (integer); empty = derived from the root seed and its place in the pipeline.',
  name: 'Its name in the random addresses: a named augmenter draws the same values wherever it is moved.',
};

/** A new element with the given properties (textContent, className, id, …). */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

function button(text: string, label: string, onClick: () => void, className = ''): HTMLButtonElement {
  const b = el('button', { type: 'button', textContent: text, className });
  if (label !== text) b.setAttribute('aria-label', label);
  b.title = label;
  b.addEventListener('click', onClick);
  return b;
}

/** The tree of augmenters and its forms. */
export class Editor {
  root: PipelineNode;
  target: Target;
  /** Milliseconds per image of each node, by node id, from the last run. */
  times = new Map<number, number>();

  constructor(
    private readonly container: HTMLElement,
    readonly catalogue: ReadonlyMap<string, AugmenterInfo>,
    /** Called after every edit: 'structure' re-rendered the tree, 'value' changed a field. */
    private readonly onChange: (what: 'structure' | 'value') => void,
  ) {
    this.root = this.emptyRoot();
    this.target = { node: this.root, slot: 'children' };
  }

  private emptyRoot(): PipelineNode {
    return newNode(this.info('Sequential'));
  }

  private info(type: string): AugmenterInfo {
    const info = this.catalogue.get(type);
    if (!info) throw new Error(`the catalogue has no ${type}`);
    return info;
  }

  /** Replaces the whole pipeline (an import). */
  setRoot(root: PipelineNode): void {
    this.root = root;
    const firstSlot = Object.keys(root.slots)[0];
    this.target = firstSlot !== undefined ? { node: root, slot: firstSlot } : { node: root, slot: '' };
    this.times.clear();
    this.render();
    this.onChange('structure');
  }

  /** Adds an augmenter of `type` at the target (a leaf root is wrapped in a Sequential first). */
  add(type: string): PipelineNode {
    const node = newNode(this.info(type));
    if (this.target.slot === '' || !this.target.node.slots[this.target.slot]) {
      const wrapper = this.emptyRoot();
      wrapper.slots.children.push(this.root);
      this.root = wrapper;
      this.target = { node: wrapper, slot: 'children' };
    }
    this.target.node.slots[this.target.slot].push(node);
    this.render();
    this.onChange('structure');
    this.focusNode(node);
    return node;
  }

  private parentOf(node: PipelineNode): { node: PipelineNode; slot: string } | undefined {
    for (const entry of walk(this.root)) if (entry.node === node) return entry.parent;
    return undefined;
  }

  private move(node: PipelineNode, by: -1 | 1): void {
    const parent = this.parentOf(node);
    if (!parent) return;
    const list = parent.node.slots[parent.slot];
    const i = list.indexOf(node);
    const j = i + by;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    this.render();
    this.onChange('structure');
    this.focusNode(node, by < 0 ? 'up' : 'down');
  }

  private remove(node: PipelineNode): void {
    const parent = this.parentOf(node);
    if (!parent) {
      this.setRoot(this.emptyRoot());
      return;
    }
    const list = parent.node.slots[parent.slot];
    list.splice(list.indexOf(node), 1);
    let inside = false;
    for (const entry of walk(node)) if (entry.node === this.target.node) inside = true;
    if (inside) this.target = parent;
    this.render();
    this.onChange('structure');
    (this.container.querySelector(`[data-id="${parent.node.id}"] legend`) as HTMLElement | null)?.focus();
  }

  private fillExample(node: PipelineNode, info: AugmenterInfo): void {
    for (const [name, value] of Object.entries(info.example ?? {})) {
      if (node.slots[name] !== undefined) continue;
      node.values[name] = fieldText(name, value);
    }
    this.render();
    this.onChange('value');
  }

  private focusNode(node: PipelineNode, button?: 'up' | 'down'): void {
    const root = this.container.querySelector(`[data-id="${node.id}"]`);
    const target = (
      button ? root?.querySelector(`button.${button}`) : root?.querySelector('legend')
    ) as HTMLElement | null;
    target?.focus();
  }

  /** Shows `message` at the option `option` of `node` (or on the node), and clears every other field error. */
  showError(node: PipelineNode | undefined, option: string | undefined, message: string | undefined): void {
    for (const e of this.container.querySelectorAll('.field-error, .node-error')) e.textContent = '';
    for (const e of this.container.querySelectorAll('[aria-invalid]')) e.removeAttribute('aria-invalid');
    if (!node || message === undefined) return;
    const scope = this.container.querySelector(`[data-id="${node.id}"]`);
    const field = option ? scope?.querySelector(`[data-option="${option}"]`) : null;
    if (field) {
      (field.querySelector('.field-error') as HTMLElement).textContent = message;
      field.querySelector('input, select')?.setAttribute('aria-invalid', 'true');
    } else {
      const at = scope?.querySelector(':scope > fieldset > .node-error') as HTMLElement | null;
      if (at) at.textContent = message;
    }
  }

  /** Writes the time per image of each node into its legend. */
  showTimes(byId: ReadonlyMap<number, number>): void {
    this.times = new Map(byId);
    for (const span of this.container.querySelectorAll<HTMLElement>('.time')) {
      const ms = byId.get(Number(span.dataset.node));
      span.textContent = ms === undefined ? '' : `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms/image`;
    }
  }

  render(): void {
    const list = el('ol', { className: 'tree' });
    list.append(this.renderNode(this.root, true));
    this.container.replaceChildren(list);
    this.showTimes(this.times);
  }

  private renderField(
    node: PipelineNode,
    option: OptionInfo | { name: string; type: string; doc: string; range?: string; defaultJSON?: unknown },
  ) {
    const id = `n${node.id}-${option.name}`;
    const field = el('div', { className: 'field' });
    field.dataset.option = option.name;
    const describe = `${id}-doc`;
    const label = el('label', { htmlFor: id, textContent: option.name });
    const current = node.values[option.name] ?? '';
    let input: HTMLInputElement | HTMLSelectElement;
    const range = option.range;
    const names = option.type === 'name' && range ? [...range.matchAll(/"([^"]+)"/g)].map((m) => m[1]) : undefined;
    // Booleans and single names are chosen from a list whose first entry leaves the option at its default.
    const choices = option.type === 'boolean' ? ['true', 'false'] : names;
    if (choices && choices.length > 0) {
      const select = el('select', { id });
      select.append(el('option', { value: '', textContent: `default: ${String(option.defaultJSON)}` }));
      for (const name of choices) select.append(el('option', { value: name, textContent: name }));
      select.value = current;
      input = select;
    } else {
      input = el('input', { id, type: 'text', value: current, spellcheck: false, autocomplete: 'off' });
      input.placeholder =
        option.defaultJSON === undefined ? 'not set' : `default: ${JSON.stringify(option.defaultJSON)}`;
    }
    input.setAttribute('aria-describedby', describe);
    const update = () => {
      if (input.value === '') delete node.values[option.name];
      else node.values[option.name] = input.value;
      this.onChange('value');
    };
    input.addEventListener(input instanceof HTMLSelectElement ? 'change' : 'input', update);
    const doc = el('small', { id: describe, className: 'doc' });
    doc.textContent = `${option.doc} ${option.type}${range ? ` · ${range}` : ''}`;
    const error = el('div', { className: 'field-error' });
    error.setAttribute('role', 'alert');
    field.append(label, input, doc, error);
    return field;
  }

  private renderNode(node: PipelineNode, isRoot: boolean): HTMLLIElement {
    const info = this.info(node.type);
    const item = el('li', { className: `node ${info.kind}` });
    item.dataset.id = String(node.id);
    const fieldset = el('fieldset');
    const legend = el('legend', { tabIndex: -1 });
    const time = el('span', { className: 'time' });
    time.dataset.node = String(node.id);
    time.setAttribute('aria-live', 'off');
    legend.append(
      el('span', { className: 'type', textContent: node.type }),
      ' ',
      el('span', { className: 'kind', textContent: info.kind }),
      ' ',
      time,
    );
    const actions = el('div', { className: 'actions' });
    actions.append(
      button('↑', `Move ${node.type} up`, () => this.move(node, -1), 'up'),
      button('↓', `Move ${node.type} down`, () => this.move(node, 1), 'down'),
      button('Remove', `Remove ${node.type}`, () => this.remove(node), 'remove'),
    );
    if (info.example && Object.keys(info.example).some((k) => node.slots[k] === undefined)) {
      actions.append(
        button(
          'Example',
          `Fill ${node.type}’s options with the registry’s example`,
          () => this.fillExample(node, info),
          'example',
        ),
      );
    }
    const nodeError = el('div', { className: 'node-error' });
    nodeError.setAttribute('role', 'alert');
    fieldset.append(legend, actions, nodeError);
    const fields = info.options.filter((o) => !o.holds);
    const common = COMMON_OPTIONS.filter((name) => !(isRoot && name === 'seed')).map((name) => ({
      name,
      type: name === 'seed' ? 'integer' : 'string',
      doc: COMMON_DOCS[name],
    }));
    if (fields.length + common.length > 0) {
      const details = el('details', { className: 'options' });
      details.open = fields.length > 0;
      details.append(el('summary', { textContent: `Options of ${node.type}` }));
      for (const option of fields) details.append(this.renderField(node, option));
      const more = el('details', { className: 'common' });
      more.append(el('summary', { textContent: 'seed and name' }));
      for (const option of common) more.append(this.renderField(node, option));
      details.append(more);
      fieldset.append(details);
    }
    for (const option of info.options.filter((o) => o.holds)) {
      const slot = el('section', { className: 'slot' });
      const heading = el('h3', { textContent: option.name });
      const isTarget = this.target.node === node && this.target.slot === option.name;
      const aim = button(
        isTarget ? 'Adding here' : 'Add here',
        `Add new augmenters to ${node.type}’s ${option.name}`,
        () => {
          this.target = { node, slot: option.name };
          this.render();
          (
            this.container.querySelector(
              `[data-id="${node.id}"] [data-slot="${option.name}"] button.aim`,
            ) as HTMLElement | null
          )?.focus();
        },
        'aim',
      );
      aim.setAttribute('aria-pressed', String(isTarget));
      const children = el('ol', { className: 'tree' });
      children.dataset.slot = option.name;
      for (const child of node.slots[option.name]) children.append(this.renderNode(child, false));
      if (node.slots[option.name].length === 0) children.append(el('li', { className: 'empty', textContent: 'empty' }));
      slot.dataset.slot = option.name;
      slot.append(heading, el('small', { className: 'doc', textContent: option.doc }), aim, children);
      if (isTarget) slot.classList.add('target');
      fieldset.append(slot);
    }
    item.append(fieldset);
    return item;
  }
}
