package job

// The plan-time rules particular to jobs: the job types accepted, and the changes that replace a
// job because ModifyFlowJob cannot make them (the RequiresReplaceIf functions of the schema).

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
)

// documentedTypes are the job types CreateFlowJob's documentation lists (and DescribeFlowJob's, and
// DescribeFlowCategory's ObjectType).
var documentedTypes = []string{"MR", "SPARK", "HIVE_SQL", "HIVE", "PIG", "SQOOP", "SPARK_SQL", "SPARK_STREAMING", "SHELL"}

// consoleTypes are the job types the console guide shows beyond that list ("Configure a Spark Shell
// job", "Configure an Impala SQL job", "Configure a Streaming SQL job", "Configure a Flink job"),
// spelt as the API spells the documented ones. No page gives their API names, so they are accepted
// rather than refused: a wrong guess fails at apply with the API's "Invalid job type", while
// refusing a type the API takes would leave no way to manage such a job. PRESTO_SQL, which no
// source mentions, is not accepted.
var consoleTypes = []string{"SPARK_SHELL", "IMPALA_SQL", "STREAMING_SQL", "FLINK"}

// jobTypes returns every type the resource accepts, documented ones first.
func jobTypes() []string { return slices.Concat(documentedTypes, consoleTypes) }

// folderChanged asks for a replacement when the job's folder changes. Null and "" are both the
// root, so going from one to the other changes nothing.
func folderChanged(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	if req.PlanValue.IsUnknown() {
		resp.RequiresReplace = true // a folder being created: it cannot be the one the job is in
		return
	}
	resp.RequiresReplace = req.PlanValue.ValueString() != req.StateValue.ValueString()
}

// lastResourceRemoved asks for a replacement when the job had resource blocks and the plan has
// none: ModifyFlowJob cannot clear the list.
func lastResourceRemoved(_ context.Context, req planmodifier.ListRequest, resp *listplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = len(req.StateValue.Elements()) > 0 && !req.PlanValue.IsUnknown() && len(req.PlanValue.Elements()) == 0
}
