package clustersetting

import (
	"cmp"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/listing"
)

// NewListResource returns the emrflow_project_cluster_setting list resource (`terraform query`,
// Terraform >= 1.14): the cluster settings of a project, by ListFlowProjectClusterSetting.
func NewListResource() list.ListResource {
	return listing.New(listing.Spec[settingListModel, string, emrapi.ClusterSetting]{
		TypeName:    "project_cluster_setting",
		Kind:        "cluster settings",
		Schema:      settingListSchema(),
		NewResource: NewResource,
		Pages:       listing.All((*emrapi.Client).ListClusterSettings),
		Input:       func(cfg settingListModel, _ int) string { return cfg.ProjectID.ValueString() },
		// The display name: the cluster's name when the list gives it, else its id.
		Name:   func(s emrapi.ClusterSetting) string { return cmp.Or(s.ClusterName, s.ClusterID) },
		ID:     func(s emrapi.ClusterSetting) string { return s.ClusterID },
		IDAttr: "cluster_id",
	})
}

type settingListModel struct {
	ProjectID types.String `tfsdk:"project_id"`
}

func settingListSchema() listschema.Schema {
	return listschema.Schema{
		MarkdownDescription: "Finds the cluster settings of a project (ListFlowProjectClusterSetting), to import them " +
			"with `terraform query -generate-config-out`.",
		Attributes: map[string]listschema.Attribute{
			"project_id": listing.ProjectIDAttribute("cluster settings"),
		},
	}
}
