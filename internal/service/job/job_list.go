package job

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

// NewListResource returns the emrflow_job list resource (`terraform query`, Terraform >= 1.14):
// the jobs of a project, by ListFlowJob page by page.
func NewListResource() list.ListResource {
	return listing.New(listing.Spec[jobListModel, emrapi.ListJobsInput, emrapi.Job]{
		TypeName:    "job",
		Kind:        "jobs",
		Schema:      jobListSchema(),
		NewResource: NewResource,
		Pages:       (*emrapi.Client).JobPages,
		Input: func(cfg jobListModel, pageSize int) emrapi.ListJobsInput {
			return emrapi.ListJobsInput{ProjectID: cfg.ProjectID.ValueString(), Type: cfg.Type.ValueString(), PageSize: pageSize}
		},
		Name: func(o emrapi.Job) string { return o.Name },
		ID:   func(o emrapi.Job) string { return o.ID },
	})
}

type jobListModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	NameRegex types.String `tfsdk:"name_regex"`
	Type      types.String `tfsdk:"type"`
}

func jobListSchema() listschema.Schema {
	return listschema.Schema{
		MarkdownDescription: "Finds the jobs of a project (ListFlowJob, page by page), to import them with " +
			"`terraform query -generate-config-out`. `type` is a filter of the API; `name_regex` is applied " +
			"to the names returned.",
		Attributes: map[string]listschema.Attribute{
			"project_id": listing.ProjectIDAttribute("jobs"),
			"name_regex": listing.NameRegexAttribute("job"),
			"type": listschema.StringAttribute{
				MarkdownDescription: "Only the jobs of this type, e.g. `SHELL` or `SPARK`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(graph.JobTypes()...)},
			},
		},
	}
}
