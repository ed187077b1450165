/**
 * The licence record's fields in words (docs/glossary.md): the review form's labels, its reading
 * notes and findings, the saved corrections, the version history's differences, the record view
 * and the notes the server writes (`人工更正 corrected by hand: holder`). The one table of them is
 * the core's (src/core/field-names.ts), which the API's validation problems read too: a field path
 * (`services[0].qualifier`) becomes 第 1 项业务的限定说明 / "Service 1: qualifier"; `holder.name`
 * 公司名称 / "Company name".
 */
export { fieldLabel } from '../../../../src/core/field-names';
