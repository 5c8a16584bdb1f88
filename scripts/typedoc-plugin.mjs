// The reference site's two additions to typedoc (loaded through typedoc.json's `plugin`):
//
// 1. `unionFields`: for each type alias named there (a union of interfaces sharing one base, such
//    as S3ObjectEvent), the page lists the fields after the union's members: the base's fields
//    (inherited ones included) and, per member interface, the fields it adds or narrows, each with
//    its type and TSDoc. Typedoc alone shows only the member references.
// 2. Code spans in Markdown headings are kept in "On This Page" and in the heading's anchor:
//    typedoc 0.28 reads a heading's text from its `text` tokens only, so "Duplicates and order:
//    `dedupe`, `latestOnly`" was listed as "Duplicates and order: ,". Giving each `code_inline`
//    token of a heading a text child fixes the text (and the anchor becomes GitHub's); the
//    rendering, which reads the token's `content`, is unchanged.
import { Application, JSX, ParameterType, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.options.addDeclaration({
    name: 'unionFields',
    help: 'Type aliases (unions of interfaces with one base) whose pages list the fields of their members.',
    type: ParameterType.Array,
    defaultValue: [],
  });

  app.on(Application.EVENT_BOOTSTRAP_END, () => {
    const previous = app.options.getValue('markdownItLoader');
    app.options.setValue('markdownItLoader', (parser) => {
      previous(parser);
      parser.core.ruler.push('heading-code-text', (state) => {
        state.tokens.forEach((token, index) => {
          if (token.type !== 'heading_open') return;
          for (const child of state.tokens[index + 1]?.children ?? []) {
            if (child.type === 'code_inline' && !child.children) {
              const text = new state.Token('text', '', 0);
              text.content = child.content;
              child.children = [text];
            }
          }
        });
      });
    });
  });

  app.renderer.hooks.on('content.end', (context) => {
    const model = context.page.model;
    if (!model.kindOf?.(ReflectionKind.TypeAlias) || !app.options.getValue('unionFields').includes(model.name)) return JSX.createElement(JSX.Fragment, null);
    return unionFields(context, model);
  });
}

const h = JSX.createElement;

/** The interfaces a union alias is made of, in order, each once. */
function membersOf(alias) {
  const members = [];
  for (const type of alias.type?.type === 'union' ? alias.type.types : []) {
    const target = type.type === 'reference' ? type.reflection : undefined;
    if (!target?.kindOf(ReflectionKind.Interface)) throw new Error(`unionFields: ${alias.name} has a member that is not an interface: ${type}`);
    if (!members.includes(target)) members.push(target);
  }
  if (members.length === 0) throw new Error(`unionFields: ${alias.name} is not a union of interfaces`);
  return members;
}

/** The interface every member extends. */
function baseOf(alias, members) {
  const candidates = (members[0].extendedTypes ?? []).map((type) => type.reflection).filter(Boolean);
  const base = candidates.find((candidate) => members.every((member) => member.extendedTypes?.some((type) => type.reflection === candidate)));
  if (!base) throw new Error(`unionFields: the members of ${alias.name} share no base interface`);
  return base;
}

/** A type with the declaration's type parameters replaced by their constraints (`Name` → `S3EventName`). */
function withConstraints(type, declaration) {
  const constraint = (name) => declaration.typeParameters?.find((parameter) => parameter.name === name)?.type;
  if (type?.type !== 'reference') return type;
  if (type.refersToTypeParameter) return constraint(type.name) ?? type;
  if (!type.typeArguments?.length) return type;
  const copy = Object.create(Object.getPrototypeOf(type));
  return Object.assign(copy, type, { typeArguments: type.typeArguments.map((argument) => withConstraints(argument, declaration)) });
}

function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function field(context, property, owner, anchor, nested = false) {
  context.page.pageHeadings.push({
    link: `#${anchor}`,
    text: property.name,
    kind: property.kind,
    classes: context.getReflectionClasses(property),
    icon: context.theme.getReflectionIcon(property),
    ...(nested ? { level: 1 } : {}), // level 1 is nested under the family's entry
  });
  return h(
    'li',
    { class: 'tsd-parameter' },
    h(
      'h5',
      { id: anchor, class: 'tsd-anchor-link' },
      h('span', { class: 'tsd-kind-property' }, property.name),
      h('span', { class: 'tsd-signature-symbol' }, property.flags.isOptional ? '?: ' : ': '),
      context.type(withConstraints(property.type, owner)),
      h('a', { href: `#${anchor}`, 'aria-label': 'Permalink', class: 'tsd-anchor-icon' }, context.icons.anchor()),
    ),
    context.commentSummary(property),
    context.commentTags(property),
  );
}

function unionFields(context, alias) {
  const members = membersOf(alias);
  const base = baseOf(alias, members);
  // In declaration order (reflection ids follow it; typedoc's own order is alphabetical), own fields before inherited ones.
  const properties = (declaration) =>
    (declaration.children ?? []).filter((child) => child.kindOf(ReflectionKind.Property)).sort((a, b) => Number(!!a.inheritedFrom) - Number(!!b.inheritedFrom) || a.id - b.id);
  const families = members
    .map((member) => ({ member, own: properties(member).filter((property) => !property.inheritedFrom) }))
    .filter(({ own }) => own.length > 0);

  context.page.pageHeadings.push({ link: '#fields-of-every-variant', text: 'Fields of every variant' });
  const common = h(
    'section',
    { class: 'tsd-panel-group tsd-member-group' },
    h('h2', { class: 'tsd-anchor-link', id: 'fields-of-every-variant' }, 'Fields of every variant'),
    h(
      'div',
      { class: 'tsd-comment tsd-typography' },
      h('p', null, 'Every member has the fields of ', h('a', { href: context.urlTo(base) }, base.name), '; all are read-only.'),
    ),
    h('ul', { class: 'tsd-parameters' }, properties(base).map((property) => field(context, property, base, property.name))),
  );
  context.page.pageHeadings.push({ link: '#fields-of-one-family', text: 'Fields of one family' });
  const perFamily = h(
    'section',
    { class: 'tsd-panel-group tsd-member-group' },
    h('h2', { class: 'tsd-anchor-link', id: 'fields-of-one-family' }, 'Fields of one family'),
    h('div', { class: 'tsd-comment tsd-typography' }, h('p', null, 'What some members add to those fields, or narrow.')),
    families.map(({ member, own }) => {
      context.page.pageHeadings.push({
        link: `#${slug(member.name)}`,
        text: member.name,
        kind: member.kind,
        classes: context.getReflectionClasses(member),
        icon: context.theme.getReflectionIcon(member),
      });
      return h(
        'section',
        { class: 'tsd-panel' },
        h('h3', { id: slug(member.name) }, h('a', { href: context.urlTo(member) }, member.name)),
        context.commentSummary(member),
        h('ul', { class: 'tsd-parameters' }, own.map((property) => field(context, property, member, `${slug(member.name)}-${slug(property.name)}`, true))),
      );
    }),
  );
  return h(JSX.Fragment, null, common, perFamily);
}
