// Package framework is the glue every resource, data source, list resource and action shares
// with terraform-plugin-framework: how it gets its configured API client (embed
// ResourceWithClient, DataSourceWithClient or ActionWithClient), and how API errors become
// diagnostics a user can act on (ErrorDetail, ReadFailed).
//
// The generic helpers live in its subpackages, each named for its job: flex (API values ⇄
// framework values), validate (plan-time validators), planmodifiers, createonce (creates that
// happen exactly once), identity (resource identity) and listing (list resources).
package framework
