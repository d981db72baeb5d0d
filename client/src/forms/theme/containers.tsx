/**
 * Objects and lists: a form's top-level objects are its sections (h2), deeper
 * objects are fieldsets, list items are framed blocks with their number and a
 * remove button, and the add button names what it adds.
 */
import type { ArrayFieldItemTemplateProps, ArrayFieldTemplateProps, ObjectFieldTemplateProps } from "@rjsf/utils";

export type SectionContext = { hideSectionTitles?: boolean };

export function ObjectFieldTemplate(props: ObjectFieldTemplateProps) {
  const { title, description, properties, fieldPathId, registry, schema } = props;
  const depth = fieldPathId.path.length;
  const inList = typeof fieldPathId.path[depth - 1] === "number";
  const content = properties.filter((p) => !p.hidden).map((p) => <div key={p.name}>{p.content}</div>);
  const hint = description ? <p className="fr-hint-text fr-mb-2w" id={`${fieldPathId.$id}__description`}>{description}</p> : null;
  if (depth === 0 || inList) return <>{hint}{content}</>;
  const context = (registry.formContext ?? {}) as SectionContext;
  const heading = title || (schema.title as string | undefined);
  if (depth === 1) {
    return (
      <section className="fr-mb-4w" aria-labelledby={heading && !context.hideSectionTitles ? `${fieldPathId.$id}__title` : undefined}>
        {heading && !context.hideSectionTitles ? <h2 className="fr-h4" id={`${fieldPathId.$id}__title`}>{heading}</h2> : null}
        {hint}{content}
      </section>
    );
  }
  return (
    <fieldset className="fr-fieldset guichet-subgroup" aria-labelledby={heading ? `${fieldPathId.$id}__legend` : undefined}>
      {heading ? <legend className="fr-fieldset__legend" id={`${fieldPathId.$id}__legend`}>{heading}</legend> : null}
      <div className="guichet-subgroup__body">{hint}{content}</div>
    </fieldset>
  );
}

function itemTitle(schema: ArrayFieldTemplateProps["schema"]): string {
  const items = schema.items as { title?: string } | undefined;
  return items && !Array.isArray(items) && items.title ? items.title : "Élément";
}

export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { title, schema, items, canAdd, onAddClick, disabled, readonly, fieldPathId, rawErrors } = props;
  const depth = fieldPathId.path.length;
  const Heading = depth <= 1 ? "h2" : "h3";
  const errors = (rawErrors ?? []).filter((e, i, all) => all.indexOf(e) === i);
  return (
    <div className="fr-mb-4w" id={fieldPathId.$id} tabIndex={-1}>
      {title ? <Heading className={depth <= 1 ? "fr-h4" : "fr-h6"}>{title}</Heading> : null}
      {schema.description ? <p className="fr-hint-text">{String(schema.description)}</p> : null}
      {errors.length > 0 ? <p className="fr-error-text" id={`${fieldPathId.$id}__error`}>{errors.join(" ")}</p> : null}
      {items.length === 0 ? <p className="fr-text--sm">Aucun élément pour l'instant.</p> : items}
      {canAdd && !disabled && !readonly ? (
        <button type="button" className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-add-line" onClick={onAddClick}>
          Ajouter : {itemTitle(schema).toLowerCase()}
        </button>
      ) : null}
    </div>
  );
}

export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, index, buttonsProps, schema } = props;
  const label = typeof schema.title === "string" ? schema.title : "Élément";
  return (
    <div className="guichet-item fr-mb-3w">
      <div className="guichet-item__head">
        <p className="fr-text--bold fr-mb-0">{label} n° {index + 1}</p>
        {buttonsProps.hasRemove ? (
          <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm fr-btn--icon-left fr-icon-delete-line" onClick={buttonsProps.onRemoveItem} disabled={buttonsProps.disabled || buttonsProps.readonly}>
            Supprimer l'élément n° {index + 1}
          </button>
        ) : null}
      </div>
      {children}
    </div>
  );
}
