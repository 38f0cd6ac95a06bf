package framework

import "fmt"

// ClusterSettingHint says, in configuration, what lets the flows of a project run on a cluster:
// an emrflow_project_cluster_setting for the two. The run action gives it when a run is refused,
// and the flow resource when it plans a flow on a cluster its project has no setting for. An
// empty clusterID (a server message without one) names the flow's cluster_id instead.
func ClusterSettingHint(projectID, clusterID string) string {
	cluster := fmt.Sprintf("%q", clusterID)
	named := clusterID
	if clusterID == "" {
		cluster, named = "<the flow's cluster_id>", "the flow's cluster"
	}
	return fmt.Sprintf("Add an emrflow_project_cluster_setting for %s in project %s: a project's flows run only on "+
		"clusters it has a setting for.\n\n"+
		"  resource \"emrflow_project_cluster_setting\" \"this\" {\n"+
		"    project_id = %q\n"+
		"    cluster_id = %s\n"+
		"  }\n\n"+
		"(project_id = emrflow_project.<name>.id when the project is in this configuration).", named, projectID, projectID, cluster)
}
