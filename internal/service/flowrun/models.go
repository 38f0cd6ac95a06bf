package flowrun

import "github.com/hashicorp/terraform-plugin-framework/types"

// runModel is the configuration of the emrflow_flow_run action.
type runModel struct {
	ProjectID         types.String `tfsdk:"project_id"`
	FlowID            types.String `tfsdk:"flow_id"`
	Region            types.String `tfsdk:"region"`
	WaitForCompletion types.Bool   `tfsdk:"wait_for_completion"`
	Timeout           types.String `tfsdk:"timeout"`
}
