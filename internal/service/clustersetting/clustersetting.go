// Package clustersetting holds the emrflow_project_cluster_setting resource (the association of a
// cluster with a data-development project, which the project's flows need to run there) and the
// emrflow_clusters data source (the clusters a project may use, or all of the region).
package clustersetting

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/createonce"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/flex"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

const (
	resourceType = "emrflow_project_cluster_setting"
	what         = "cluster setting"

	// The API's defaults (CreateFlowProjectClusterSetting's page: DefaultUser "默认值为hadoop",
	// DefaultQueue "默认值为 default").
	defaultUser  = "hadoop"
	defaultQueue = "default"

	// maxFlowsNamed bounds the flows a warning names.
	maxFlowsNamed = 5
)

var (
	_ resource.Resource                   = (*settingResource)(nil)
	_ resource.ResourceWithConfigure      = (*settingResource)(nil)
	_ resource.ResourceWithImportState    = (*settingResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*settingResource)(nil)
	_ resource.ResourceWithIdentity       = (*settingResource)(nil)
	_ resource.ResourceWithValidateConfig = (*settingResource)(nil)
)

type settingResource struct {
	framework.ResourceWithClient
}

// NewResource returns the emrflow_project_cluster_setting resource.
func NewResource() resource.Resource {
	return &settingResource{}
}

func (r *settingResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_project_cluster_setting"
}

func (r *settingResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	whitelist := func(desc string, v validator.String) schema.SetAttribute {
		return schema.SetAttribute{
			MarkdownDescription: desc + " Unset or `[]`: none. Changed in place, except that emptying a non-empty " +
				"list replaces the setting: ModifyFlowProjectClusterSetting documents only items, no way to say \"none\".",
			ElementType:   types.StringType,
			Optional:      true,
			Computed:      true,
			Default:       setdefault.StaticValue(emptySet()),
			PlanModifiers: []planmodifier.Set{setplanmodifier.RequiresReplaceIf(whitelistEmptied, "Emptying a non-empty list replaces the setting.", "Emptying a non-empty list replaces the setting.")},
			Validators:    []validator.Set{setvalidator.ValueStringsAre(v)},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Associates a cluster with a data-development project, so that the project's flows can run " +
			"there (CreateFlowProjectClusterSetting, DescribeFlowProjectClusterSetting, ModifyFlowProjectClusterSetting, " +
			"DeleteFlowProjectClusterSetting): the default Linux user and YARN queue that jobs are submitted as and to, " +
			"and the whitelists of users, queues and client hosts. The console guide: \"After creating a new project, you " +
			"need to associate it with a cluster so that the workflow in the project can run on it.\"\n\n" +
			"A cluster that the project cannot use (unknown in the region, or released) is refused at plan time when the " +
			"API can list the region's clusters, and otherwise by the create.\n\n" +
			"Destroying a setting while flows of the project still name its cluster is allowed (the API documents no " +
			"refusal, and the console deletes it without asking); the provider then warns, naming those flows, since they " +
			"cannot run there until the cluster is associated again. Make your flows depend on the setting (for example " +
			"`cluster_id = emrflow_project_cluster_setting.this.cluster_id`) so that Terraform creates the setting before " +
			"the flows and destroys it after them.",
		Attributes: map[string]schema.Attribute{
			"project_id": schema.StringAttribute{
				MarkdownDescription: "The project (`FP-…`). Changing it replaces the setting.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{validate.IDPrefix(validate.ProjectPrefix)},
			},
			"cluster_id": schema.StringAttribute{
				MarkdownDescription: "The cluster (`C-…`) to associate; not a cluster template (`CT-…`). Changing it " +
					"replaces the setting. The `emrflow_clusters` data source lists the clusters of the region.",
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{clusterID()},
			},
			"default_user": schema.StringAttribute{
				MarkdownDescription: "The Linux user that the project's jobs are submitted as on this cluster. Default: `" +
					defaultUser + "` (the API's default).",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(defaultUser),
				Validators: []validator.String{linuxUser()},
			},
			"default_queue": schema.StringAttribute{
				MarkdownDescription: "The YARN queue that the project's jobs are submitted to on this cluster. Default: `" +
					defaultQueue + "` (the API's default).",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(defaultQueue),
				Validators: []validator.String{yarnQueue()},
			},
			"users": whitelist("Linux users that the project's jobs may be submitted as (one user name per element).", linuxUser()),
			"queues": whitelist("YARN queues that the project's jobs may be submitted to (one queue per element, e.g. "+
				"`root.etl`).", yarnQueue()),
			"hosts": whitelist("Client hosts that may submit the project's jobs: master or gateway hosts of the cluster "+
				"(e.g. `emr-header-1.cluster-500159692`); the API refuses any other host.", hostName()),
		},
	}
}

// ValidateConfig warns about what the attribute validators cannot see: a default user or queue
// outside a non-empty whitelist. The guide calls the lists the users and queues that jobs "can"
// be submitted as and to, so such a default is likely a mistake; but no page says the API refuses
// it, so it is a warning, not an error. Only known values are checked.
func (r *settingResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg settingModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	check := func(def types.String, fallback string, list types.Set, defAttr, listAttr string) {
		if def.IsUnknown() || list.IsNull() || list.IsUnknown() {
			return
		}
		items, known := setStrings(list)
		if !known || len(items) == 0 {
			return
		}
		value := fallback
		if !def.IsNull() {
			value = def.ValueString()
		}
		if !slices.Contains(items, value) {
			resp.Diagnostics.AddAttributeWarning(path.Root(defAttr), "Default not in the whitelist",
				fmt.Sprintf("%s is %q, which %s does not hold (%s): jobs submitted with the default may be refused. Add it "+
					"to %s, or choose one of them.", defAttr, value, listAttr, strings.Join(items, ", "), listAttr))
		}
	}
	check(cfg.DefaultUser, defaultUser, cfg.Users, "default_user", "users")
	check(cfg.DefaultQueue, defaultQueue, cfg.Queues, "default_queue", "queues")
}

// ModifyPlan refuses, at plan time, a cluster that the project cannot use: one that the region's
// list of data-development clusters (ListFlowClusterAll) does not hold. It asks only when a
// setting is to be created (or replaced for another cluster) and both ids are known; when the
// list cannot be read, or is known to be incomplete, the create has the last word.
func (r *settingResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.Client() == nil {
		return
	}
	var plan settingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.ClusterID.IsUnknown() || plan.ClusterID.IsNull() {
		return
	}
	if !req.State.Raw.IsNull() {
		var state settingModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if resp.Diagnostics.HasError() || state.ClusterID.Equal(plan.ClusterID) {
			return
		}
	}
	clusterID := plan.ClusterID.ValueString()
	if flex.Known(plan.ProjectID) {
		// Flows planned after this setting do not warn that their cluster has none.
		r.Client().NotePlannedClusterSetting(plan.ProjectID.ValueString(), clusterID)
	}
	clusters, complete, err := r.Client().ListAllFlowClusters(ctx)
	if err != nil {
		tflog.Warn(ctx, "cannot list the region's clusters to check cluster_id at plan time; the create will check it",
			map[string]any{"error": err.Error()})
		return
	}
	for _, c := range clusters {
		if c.ID == clusterID {
			return
		}
	}
	if !complete {
		// The server answered fewer clusters than it counts (ListFlowClusterAll documents no
		// paging parameters): a cluster it did not show may exist.
		tflog.Warn(ctx, "the region's cluster list is incomplete; the create will check cluster_id",
			map[string]any{"cluster_id": clusterID, "seen": len(clusters)})
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("cluster_id"), "Cluster not usable by the project",
		notUsable(clusterID, clusters))
}

func (r *settingResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan settingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	in, diags := expandClusterSettingInput(&plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel, err := createonce.Begin(ctx, what)
	if err != nil {
		resp.Diagnostics.AddError("Cluster setting not created", err.Error())
		return
	}
	defer cancel()
	res, err := createClusterSetting(ctx, r.Client(), in)
	if err != nil {
		createFailed(err, in, &resp.Diagnostics)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, &plan, &resp.Diagnostics)
	tflog.Info(ctx, "cluster setting created", map[string]any{"project_id": in.ProjectID, "cluster_id": in.ClusterID, "adopted": res.Adopted})
	r.readInto(ctx, &plan, &resp.State, &resp.Diagnostics)
}

func (r *settingResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state settingModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The identity is set first: the framework wants one after every Read, even one that removes
	// the resource (a CLI older than 1.12 keeps none to carry over).
	setIdentity(ctx, resp.Identity, &state, &resp.Diagnostics)
	s, err := r.Client().DescribeClusterSetting(ctx, state.ProjectID.ValueString(), state.ClusterID.ValueString())
	if framework.ReadFailed(ctx, err, what, importIDOf(&state), &resp.State, &resp.Diagnostics) {
		return
	}
	resp.Diagnostics.Append(flattenClusterSetting(s, &state)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *settingResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan settingModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	in, diags := expandClusterSettingInput(&plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.Client().ModifyClusterSetting(ctx, in); err != nil {
		if emrapi.IsClusterHostNotFound(err) {
			hostNotUsable(err, in.ClusterID, &resp.Diagnostics)
			return
		}
		resp.Diagnostics.AddError("Cannot update the cluster setting", framework.ErrorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, &plan, &resp.Diagnostics)
	r.readInto(ctx, &plan, &resp.State, &resp.Diagnostics)
}

// Delete removes the association. Flows of the project that still name the cluster do not stop
// it (no page documents such a refusal, and the console guide deletes a setting without
// conditions), but the user is warned: those flows cannot run on the cluster any more.
func (r *settingResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state settingModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	projectID, clusterID := state.ProjectID.ValueString(), state.ClusterID.ValueString()
	err := r.Client().DeleteClusterSetting(ctx, projectID, clusterID)
	if err != nil && !emrapi.IsNotFound(err) {
		resp.Diagnostics.AddError("Cannot delete the cluster setting", framework.ErrorDetail(err, ""))
		return
	}
	flows, ferr := r.Client().ListFlows(ctx, emrapi.ListFlowsInput{ProjectID: projectID, ClusterID: clusterID})
	if ferr != nil {
		// The setting is gone all the same; the warning is a courtesy that must not fail the destroy.
		tflog.Warn(ctx, "cannot list the flows that use the cluster", map[string]any{"error": ferr.Error()})
		return
	}
	if w := stillUsedWarning(projectID, clusterID, flows); w != "" {
		resp.Diagnostics.AddWarning("Flows still use the disassociated cluster", w)
	}
}

func (r *settingResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	// An import block's identity; with neither an identity nor an id, the id's parse error says
	// what an import id looks like.
	if settingIdentity.Import(ctx, req, resp) {
		return
	}
	projectID, clusterID, err := validate.ParseProjectScopedID(req.ID, validate.ClusterPrefix)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("A cluster setting is imported by its project and its cluster, the two ids the API reads it by: %s.", err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), projectID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("cluster_id"), clusterID)...)
}

// readInto reads the setting back after a write and stores what the server holds.
func (r *settingResource) readInto(ctx context.Context, m *settingModel, state *tfsdk.State, diags *diag.Diagnostics) {
	s, err := r.Client().DescribeClusterSetting(ctx, m.ProjectID.ValueString(), m.ClusterID.ValueString())
	if err != nil {
		framework.ReadBackFailed(diags, "cluster setting", err)
		return
	}
	diags.Append(flattenClusterSetting(s, m)...)
	diags.Append(state.Set(ctx, m)...)
}

func importIDOf(m *settingModel) string {
	return m.ProjectID.ValueString() + ":" + m.ClusterID.ValueString()
}

// emptySet is the default of the whitelists: unset and `[]` both mean "none", and both read back
// as an empty set, so that neither makes a diff.
func emptySet() types.Set { return types.SetValueMust(types.StringType, []attr.Value{}) }

// notUsable says why a cluster cannot be associated, listing those that can.
func notUsable(clusterID string, clusters []emrapi.Cluster) string {
	var ids []string
	for _, c := range clusters {
		ids = append(ids, c.ID)
	}
	known := "The region has no cluster that data development can use."
	if len(ids) > 0 {
		known = "The clusters it can use are: " + strings.Join(ids, ", ") + "."
	}
	return fmt.Sprintf("cluster_id %q is not a cluster that data development can use in this region: check the id in the EMR "+
		"console, and that the cluster is not released and is in the provider's region (the emrflow_clusters data source "+
		"lists the usable ones). %s",
		clusterID, known)
}

// createFailed reports a failed create on the attribute the API's answer is about.
func createFailed(err error, in emrapi.ClusterSettingInput, diags *diag.Diagnostics) {
	importID := in.ProjectID + ":" + in.ClusterID
	switch {
	case emrapi.IsClusterNotFound(err):
		diags.AddAttributeError(path.Root("cluster_id"), "Cluster not usable by the project", framework.ErrorDetail(err,
			fmt.Sprintf("cluster_id %q is not a cluster that data development can use in this region: check the id in the EMR "+
				"console, and that the cluster is not released. The emrflow_clusters data source lists the usable ones.", in.ClusterID)))
	case emrapi.IsClusterHostNotFound(err):
		hostNotUsable(err, in.ClusterID, diags)
	case emrapi.IsSettingExists(err):
		diags.AddAttributeError(path.Root("cluster_id"), "Cluster already associated", framework.ErrorDetail(err,
			fmt.Sprintf("Cluster %s is already associated with project %s. To manage that setting with this configuration, "+
				"import it:\n\n  terraform import %s.<name> %s\n\n(or an import block with id = %q).",
				in.ClusterID, in.ProjectID, resourceType, importID, importID)))
	default:
		diags.AddError("Cannot create the cluster setting", framework.ErrorDetail(err, createonce.Hint(err)))
	}
}

// hostNotUsable reports the API's refusal of a host on the hosts attribute (create or update).
func hostNotUsable(err error, clusterID string, diags *diag.Diagnostics) {
	diags.AddAttributeError(path.Root("hosts"), "Host not usable", framework.ErrorDetail(err,
		fmt.Sprintf("hosts may only hold master or gateway hosts of cluster %s, by the host names the EMR console shows for the cluster's nodes; remove the others from hosts.", clusterID)))
}

// stillUsedWarning names the flows (of the project, on the cluster) that cannot run any more, or
// returns "" when there are none. ListFlow may filter loosely: the flows are checked again here.
func stillUsedWarning(projectID, clusterID string, flows []emrapi.Flow) string {
	var named []string
	count := 0
	for _, f := range flows {
		if f.ClusterID != clusterID || (f.ProjectID != "" && f.ProjectID != projectID) {
			continue
		}
		count++
		if len(named) < maxFlowsNamed {
			named = append(named, fmt.Sprintf("%s (%s)", f.ID, f.Name))
		}
	}
	if count == 0 {
		return ""
	}
	list := strings.Join(named, ", ")
	if count > len(named) {
		list += fmt.Sprintf(" and %d more", count-len(named))
	}
	return fmt.Sprintf("Cluster %s is no longer associated with project %s, but %d flow(s) of the project still run on it: %s. "+
		"They cannot run until the cluster is associated with the project again (an %s), or until they name another "+
		"associated cluster. If the setting is being replaced, this is temporary.", clusterID, projectID, count, list, resourceType)
}
