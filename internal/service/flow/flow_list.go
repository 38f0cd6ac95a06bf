package flow

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

// NewListResource returns the emrflow_flow list resource (`terraform query`, Terraform >= 1.14):
// the flows of a project, by ListFlow page by page.
func NewListResource() list.ListResource {
	return listing.New(listing.Spec[flowListModel, emrapi.ListFlowsInput, emrapi.Flow]{
		TypeName:    "flow",
		Kind:        "flows",
		Schema:      flowListSchema(),
		NewResource: NewResource,
		Pages:       (*emrapi.Client).FlowPages,
		Input: func(cfg flowListModel, pageSize int) emrapi.ListFlowsInput {
			return emrapi.ListFlowsInput{
				ProjectID: cfg.ProjectID.ValueString(),
				Status:    cfg.Status.ValueString(),
				ClusterID: cfg.ClusterID.ValueString(),
				PageSize:  pageSize,
			}
		},
		Name: func(o emrapi.Flow) string { return o.Name },
		ID:   func(o emrapi.Flow) string { return o.ID },
	})
}

type flowListModel struct {
	ProjectID types.String `tfsdk:"project_id"`
	NameRegex types.String `tfsdk:"name_regex"`
	Status    types.String `tfsdk:"status"`
	ClusterID types.String `tfsdk:"cluster_id"`
}

func flowListSchema() listschema.Schema {
	return listschema.Schema{
		MarkdownDescription: "Finds the flows of a project (ListFlow, page by page), to import them with " +
			"`terraform query -generate-config-out`. `status` and `cluster_id` are filters of the API; " +
			"`name_regex` is applied to the names returned.",
		Attributes: map[string]listschema.Attribute{
			"project_id": listing.ProjectIDAttribute("flows"),
			"name_regex": listing.NameRegexAttribute("flow"),
			"status": listschema.StringAttribute{
				MarkdownDescription: "Only the flows of this scheduling status: `STOP_SCHEDULE` or `UNDER_SCHEDULE`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(statusStopped, statusScheduled)},
			},
			"cluster_id": listschema.StringAttribute{
				MarkdownDescription: "Only the flows that run on this cluster (`C-…`) or cluster template (`CT-…`).",
				Optional:            true,
				Validators:          []validator.String{validate.IDPrefix(validate.ClusterPrefix, validate.ClusterTemplatePrefix)},
			},
		},
	}
}
