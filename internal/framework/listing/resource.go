package listing

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

// Spec is what is particular to one list resource: its configuration (M, a tfsdk model), the
// input of the API's page iterator (In) and the objects it yields (T). The rest (configuration,
// reading the configuration, name_regex, the page walk, the limit, identities, include_resource)
// is the same for every list resource and lives in Resource.
type Spec[M, In, T any] struct {
	// TypeName is the resource type without the provider prefix ("flow" for emrflow_flow).
	TypeName string
	// Kind names the objects in messages ("flows").
	Kind string
	// Schema is the configuration schema. An attribute named name_regex is applied by Resource to
	// the names the API returns; one named project_id is the project_id of every result's
	// identity (the objects of a project are identified by {project_id, id}, the others by {id}).
	Schema listschema.Schema
	// NewResource makes the managed resource whose Read fills in the full objects.
	NewResource func() resource.Resource
	// Pages is the emrapi page iterator, e.g. (*emrapi.Client).FlowPages.
	Pages func(c *emrapi.Client, ctx context.Context, in In) iter.Seq2[[]T, error]
	// Input is the iterator's input for the configuration and a page size.
	Input func(cfg M, pageSize int) In
	// Name is an object's name (the display name, and what name_regex must match); ID its id.
	Name, ID func(T) string
	// Keep, when set, is a client-side filter of the configuration other than name_regex.
	Keep func(cfg M, obj T) bool
	// IDAttr is the identity attribute ID fills ("" is "id"): an object keyed otherwise by the API
	// (a cluster setting by cluster_id, a member by user_name) names its own.
	IDAttr string
}

// All turns a call that returns every object at once (it walks the pages itself) into the page
// iterator of a Spec: one page.
func All[In, T any](list func(c *emrapi.Client, ctx context.Context, in In) ([]T, error)) func(*emrapi.Client, context.Context, In) iter.Seq2[[]T, error] {
	return func(c *emrapi.Client, ctx context.Context, in In) iter.Seq2[[]T, error] {
		return func(yield func([]T, error) bool) {
			items, err := list(c, ctx, in)
			yield(items, err)
		}
	}
}

// Resource is a list resource served from a Spec.
type Resource[M, In, T any] struct {
	framework.ResourceWithClient
	spec     Spec[M, In, T]
	resource resource.Resource
}

var (
	_ list.ListResource              = (*Resource[struct{}, struct{}, struct{}])(nil)
	_ list.ListResourceWithConfigure = (*Resource[struct{}, struct{}, struct{}])(nil)
)

// New returns the list resource of spec.
func New[M, In, T any](spec Spec[M, In, T]) list.ListResource {
	return &Resource[M, In, T]{spec: spec}
}

// Metadata implements list.ListResource: a list resource has the type name of its resource.
func (l *Resource[M, In, T]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + l.spec.TypeName
}

// ListResourceConfigSchema implements list.ListResource.
func (l *Resource[M, In, T]) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = l.spec.Schema
}

// Configure implements list.ListResourceWithConfigure: the list resource gets the client, and the
// managed resource it reads through gets the same provider data.
func (l *Resource[M, In, T]) Configure(ctx context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.ResourceWithClient.Configure(ctx, req, resp)
	l.resource = Configured(ctx, l.spec.NewResource(), req, resp)
}

// List implements list.ListResource.
func (l *Resource[M, In, T]) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg M
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	var nameRegex, projectID types.String
	for name, v := range map[string]*types.String{"name_regex": &nameRegex, "project_id": &projectID} {
		if _, ok := l.spec.Schema.Attributes[name]; !ok {
			continue
		}
		if diags := req.Config.GetAttribute(ctx, path.Root(name), v); diags.HasError() {
			stream.Results = list.ListResultsStreamDiagnostics(diags)
			return
		}
	}
	re, diags := NameRegex(nameRegex)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	pages := l.spec.Pages(l.Client(), ctx, l.spec.Input(cfg, PageSize(req.Limit)))
	stream.Results = Stream(ctx, req, Lister[T]{
		Kind:     l.spec.Kind,
		Resource: l.resource,
		Item: func(obj T) (Item, bool) {
			name := l.spec.Name(obj)
			if re != nil && !re.MatchString(name) {
				return Item{}, false
			}
			if l.spec.Keep != nil && !l.spec.Keep(cfg, obj) {
				return Item{}, false
			}
			idAttr := l.spec.IDAttr
			if idAttr == "" {
				idAttr = "id"
			}
			ids := map[string]string{idAttr: l.spec.ID(obj)}
			if !projectID.IsNull() {
				ids["project_id"] = projectID.ValueString()
			}
			return Item{DisplayName: name, Identity: ids}, true
		},
	}, pages)
}

// ProjectIDAttribute is the required project_id of a list resource whose objects live in a
// project; kind names them ("flows").
func ProjectIDAttribute(kind string) listschema.StringAttribute {
	return listschema.StringAttribute{
		MarkdownDescription: "ID of the project (`FP-…`) whose " + kind + " are listed.",
		Required:            true,
		Validators:          []validator.String{validate.IDPrefix(validate.ProjectPrefix)},
	}
}

// NameRegexAttribute is the optional name_regex of a list resource; kind names one object
// ("flow").
func NameRegexAttribute(kind string) listschema.StringAttribute {
	return listschema.StringAttribute{
		MarkdownDescription: "A regular expression (RE2 syntax) the " + kind + " names must match.",
		Optional:            true,
		Validators:          []validator.String{validate.Regexp()},
	}
}
