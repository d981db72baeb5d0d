/** RJSF's own strings in French. */
import { englishStringTranslator, TranslatableString } from "@rjsf/utils";

const FR: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: "Élément",
  [TranslatableString.MissingItems]: "Définition des éléments manquante",
  [TranslatableString.EmptyArray]: "Aucun élément pour l'instant : utilisez le bouton ci-dessous pour en ajouter.",
  [TranslatableString.YesLabel]: "Oui",
  [TranslatableString.NoLabel]: "Non",
  [TranslatableString.CloseLabel]: "Fermer",
  [TranslatableString.ErrorsLabel]: "Erreurs",
  [TranslatableString.NewStringDefault]: "Nouvelle valeur",
  [TranslatableString.AddButton]: "Ajouter",
  [TranslatableString.AddItemButton]: "Ajouter un élément",
  [TranslatableString.CopyButton]: "Copier",
  [TranslatableString.MoveDownButton]: "Descendre",
  [TranslatableString.MoveUpButton]: "Monter",
  [TranslatableString.RemoveButton]: "Supprimer",
  [TranslatableString.NowLabel]: "Maintenant",
  [TranslatableString.ClearLabel]: "Effacer",
  [TranslatableString.AriaDateLabel]: "Choisir une date",
  [TranslatableString.PreviewLabel]: "Aperçu",
  [TranslatableString.DecrementAriaLabel]: "Diminuer de 1",
  [TranslatableString.IncrementAriaLabel]: "Augmenter de 1",
  [TranslatableString.OptionalObjectAdd]: "Renseigner ce bloc facultatif",
  [TranslatableString.OptionalObjectRemove]: "Retirer ce bloc facultatif",
  [TranslatableString.OptionalObjectEmptyMsg]: "Bloc facultatif non renseigné",
  [TranslatableString.Type]: "Type",
  [TranslatableString.Value]: "Valeur",
  [TranslatableString.ClearButton]: "effacer la saisie",
  [TranslatableString.UnknownFieldType]: "Type de champ inconnu : %1",
  [TranslatableString.OptionPrefix]: "Option %1",
  [TranslatableString.TitleOptionPrefix]: "%1, option %2",
  [TranslatableString.KeyLabel]: "Clé de %1",
  [TranslatableString.DeprecatedLabel]: "%1 (obsolète)",
  [TranslatableString.UnsupportedField]: "Champ non pris en charge.",
  [TranslatableString.UnsupportedFieldWithId]: "Champ « %1 » non pris en charge.",
  [TranslatableString.UnsupportedFieldWithReason]: "Champ non pris en charge : _%1_.",
  [TranslatableString.UnsupportedFieldWithIdAndReason]: "Champ « %1 » non pris en charge : _%2_.",
  [TranslatableString.InvalidObjectField]: "Configuration du bloc « %1 » invalide : _%2_.",
  [TranslatableString.ExpandButton]: "Développer",
  [TranslatableString.CycleDetected]: "Référence circulaire ($ref) détectée pour le champ « %1 ».",
  [TranslatableString.FilesInfo]: "**%1** (%2, %3 octets)",
};

export function translateString(key: TranslatableString, params?: string[]): string {
  const french = FR[key];
  return french ? englishStringTranslator(french as TranslatableString, params) : englishStringTranslator(key, params);
}
