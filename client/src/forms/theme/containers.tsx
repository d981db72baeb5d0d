/**
 * Objects and lists: a form's top-level objects are its sections (headings
 * at the form's level, h2 unless the page says otherwise), deeper objects are
 * fieldsets, list items are groups titled with their number and a remove
 * button, and the add button names what it adds. Adding an item puts the
 * focus in its first field; removing one puts it on the item now in its
 * place (or the add button), never on the page's top.
 */
import type { ArrayFieldItemTemplateProps, ArrayFieldTemplateProps, ObjectFieldTemplateProps } from "@rjsf/utils";
import { useEffect, useRef, type MouseEvent } from "react";
import { sentence } from "../messages";

export type SectionContext = { hideSectionTitles?: boolean; headingLevel?: 2 | 3 | 4 };

type Level = 2 | 3 | 4 | 5 | 6;
const heading = (level: number) => `h${Math.min(Math.max(level, 2), 6) as Level}` as "h2";
const baseLevel = (context: unknown) => ((context ?? {}) as SectionContext).headingLevel ?? 2;
/** A section's look: smaller as the form sits deeper in its page (never bigger than the form's own title). */
const sectionClass = (context: unknown) => ({ 2: "fr-h4", 3: "fr-h5", 4: "fr-h6" } as const)[baseLevel(context)];
const CONTROLS = ":is(input:not([type=hidden]),select,textarea):not([disabled])";

export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { title, description, properties, fieldPathId, registry, schema } = props;
  const depth = fieldPathId.path.length;
  const inList = typeof fieldPathId.path[depth - 1] === "number";
  const content = properties.filter((p) => !p.hidden).map((p) => <div key={p.name} className="guichet-field">{p.content}</div>);
  const hint = description ? <p className="fr-hint-text fr-mb-2w" id={`${fieldPathId.$id}__description`}>{description}</p> : null;
  if (depth === 0 || inList) return <>{hint}{content}</>;
  const context = (registry.formContext ?? {}) as SectionContext;
  const text = title || (schema.title as string | undefined);
  if (depth === 1) {
    const Heading = heading(baseLevel(context));
    const shown = !!text && !context.hideSectionTitles;
    return (
      <section className="fr-mb-4w" aria-labelledby={shown ? `${fieldPathId.$id}__title` : undefined}>
        {shown ? <Heading className={sectionClass(context)} id={`${fieldPathId.$id}__title`}>{text}</Heading> : null}
        {hint}{content}
      </section>
    );
  }
  return (
    <fieldset className="fr-fieldset guichet-subgroup" aria-labelledby={text ? `${fieldPathId.$id}__legend` : undefined}>
      {text ? <legend className="fr-fieldset__legend" id={`${fieldPathId.$id}__legend`}>{text}</legend> : null}
      <div className="guichet-subgroup__body">{hint}{content}</div>
    </fieldset>
  );
}

function itemTitle(schema: ArrayFieldTemplateProps["schema"]): string {
  const items = schema.items as { title?: string } | undefined;
  return items && !Array.isArray(items) && items.title ? items.title : "Élément";
}

/** The heading level of a list's title; its items' titles are one below. */
function listLevel(depth: number, context: unknown): number {
  return baseLevel(context) + (depth <= 1 ? 0 : 1);
}

export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { title, schema, uiSchema, items, canAdd, onAddClick, disabled, readonly, fieldPathId, rawErrors, registry } = props;
  const depth = fieldPathId.path.length;
  const context = (registry.formContext ?? {}) as SectionContext;
  const Heading = heading(listLevel(depth, context));
  const errors = (rawErrors ?? []).filter((e, i, all) => all.indexOf(e) === i);
  const description = uiSchema?.["ui:description"] ?? schema.description;
  const showTitle = !!title && !(depth <= 1 && context.hideSectionTitles);
  const added = useRef<number | null>(null);
  const id = fieldPathId.$id;
  useEffect(() => {
    const index = added.current;
    if (index === null || items.length <= index) return;
    added.current = null;
    const scope = `[id="${id}_${index}"],[id^="${id}_${index}_"],[id^="${id}_${index}-"]`;
    document.querySelector<HTMLElement>(`${CONTROLS}:is(${scope})`)?.focus();
  }, [items.length, id]);
  return (
    <div className="fr-mb-4w guichet-list" id={id} tabIndex={-1}>
      {showTitle ? <Heading className={depth <= 1 ? sectionClass(context) : "fr-h6"}>{title}</Heading> : null}
      {description ? <p className="fr-hint-text">{String(description)}</p> : null}
      {errors.length > 0 ? <p className="fr-error-text" id={`${id}__error`}>{errors.map(sentence).join(" ")}</p> : null}
      <div className="guichet-list__items">{items.length === 0 ? <p className="fr-text--sm">Aucun élément pour l'instant.</p> : items}</div>
      {canAdd && !disabled && !readonly ? (
        <button type="button" className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-add-line guichet-list__add" onClick={(e) => { added.current = items.length; onAddClick(e); }}>
          Ajouter : {itemTitle(schema).toLowerCase()}
        </button>
      ) : null}
    </div>
  );
}

/** After a removal: the title of the item now at that place, else the previous one, else the add button or the list. */
function focusAfterRemoval(list: HTMLElement | null, index: number): void {
  if (!list) return;
  const titles = list.querySelectorAll<HTMLElement>(":scope > .guichet-list__items > .guichet-item > .guichet-item__head > .guichet-item__title");
  const target = titles[Math.min(index, titles.length - 1)] ?? list.querySelector<HTMLElement>(":scope > .guichet-list__add") ?? list;
  target.focus();
}

export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, index, buttonsProps, schema, registry } = props;
  const label = `${typeof schema.title === "string" ? schema.title : "Élément"} n° ${index + 1}`;
  const titleId = `${buttonsProps.fieldPathId.$id}__item-title`;
  const Title = heading(listLevel(buttonsProps.fieldPathId.path.length - 1, registry.formContext) + 1);
  function remove(event: MouseEvent<HTMLButtonElement>) {
    const list = event.currentTarget.closest<HTMLElement>(".guichet-list");
    buttonsProps.onRemoveItem(event);
    window.setTimeout(() => focusAfterRemoval(list, index), 0);
  }
  return (
    <div className="guichet-item fr-mb-3w" role="group" aria-labelledby={titleId}>
      <div className="guichet-item__head">
        <Title className="fr-h6 fr-mb-0 guichet-item__title" id={titleId} tabIndex={-1}>{label}</Title>
        {buttonsProps.hasRemove ? (
          <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm fr-btn--icon-left fr-icon-delete-line" onClick={remove} disabled={buttonsProps.disabled || buttonsProps.readonly}>
            Supprimer « {label} »
          </button>
        ) : null}
      </div>
      {children}
    </div>
  );
}
