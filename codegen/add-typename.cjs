// The client preset's own transform, in the form codegen.yml can name (a module exporting `transform`): adds
// __typename to every selection of the persisted documents, as Apollo Client's and urql's normalised caches add
// it to what they send, so the text a manifest holds gives those caches the __typename they need.
exports.transform = require("@graphql-codegen/client-preset").addTypenameSelectionDocumentTransform.transform;
