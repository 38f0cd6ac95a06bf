package clustersetting

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/emrflow/terraform-provider-emrflow/internal/framework/planmodifiers"
	"github.com/emrflow/terraform-provider-emrflow/internal/framework/validate"
)

// What the whitelists may hold. CreateFlowProjectClusterSetting's page calls the users "Linux
// 提交用户" (Linux submit users), the queues YARN queues, and the hosts "只支持 gateway 和 master
// 机器" (gateway and master machines only); the console guide takes users and queues
// comma-separated. So: a user is a Linux user name (up to 32 characters, as useradd allows), a
// queue a YARN queue path (letters, digits, '_', '-', dot-separated levels), a host a DNS host
// name; none may hold a comma or white space. Whether a host is a master or gateway of the
// cluster only the API can tell (its "Cluster host does not exit" answer).
var (
	linuxUserPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]{0,31}$`)
	queuePattern     = regexp.MustCompile(`^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$`)
	hostLabel        = `[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?`
	hostPattern      = regexp.MustCompile(`^` + hostLabel + `(\.` + hostLabel + `)*$`)
)

const (
	maxQueueLength = 255
	maxHostLength  = 253
)

// nameValidator checks one string against a rule with a message that says what is allowed: what
// is "a Linux user name", rule what it may hold (for the message and the docs).
func nameValidator(what, rule string, valid func(string) bool) validator.String {
	return validate.StringRule(fmt.Sprintf("must be %s: %s", what, rule), func(p path.Path, s string, diags *diag.Diagnostics) {
		if valid(s) {
			return
		}
		hint := ""
		if strings.ContainsAny(s, ", \t") {
			hint = " Give one item per element of the set, not a comma-separated list."
		}
		diags.AddAttributeError(p, "Invalid "+strings.TrimPrefix(strings.TrimPrefix(what, "a "), "an "),
			fmt.Sprintf("%s must be %s (%s), got %q.%s", validate.PathName(p), what, rule, s, hint))
	})
}

func linuxUser() validator.String {
	return nameValidator("a Linux user name", "1 to 32 letters, digits, '_', '.' or '-', not starting with a digit, '.' or '-'",
		linuxUserPattern.MatchString)
}

func yarnQueue() validator.String {
	return nameValidator("a YARN queue name",
		"letters, digits, '_' and '-', with '.' between the levels of a path such as root.etl; at most 255 characters",
		func(s string) bool { return len(s) <= maxQueueLength && queuePattern.MatchString(s) })
}

func hostName() validator.String {
	return nameValidator("a host name", "the DNS name of a master or gateway host of the cluster, such as emr-header-1.cluster-500159692",
		func(s string) bool { return len(s) <= maxHostLength && hostPattern.MatchString(s) })
}

// clusterID checks that cluster_id names a cluster (C-…). A cluster template (CT-…) is refused
// with its own message: flows may name a template (with create_cluster), but a project is
// associated with real clusters only (the console's "Add Cluster" lists subscription and
// pay-as-you-go clusters).
func clusterID() validator.String {
	const rule = `must be a cluster id starting with "C-"; a cluster template (CT-…) cannot be associated`
	return validate.StringRule(rule, func(p path.Path, id string, diags *diag.Diagnostics) {
		switch {
		case validate.HasIDPrefix(id, validate.ClusterTemplatePrefix):
			diags.AddAttributeError(p, "A cluster template cannot be associated",
				fmt.Sprintf("cluster_id %q is a cluster template. A project is associated with existing clusters (C-…) only; "+
					"flows that create their cluster from a template (create_cluster = true) need no cluster setting.", id))
		case !validate.HasIDPrefix(id, validate.ClusterPrefix):
			diags.AddAttributeError(p, "Invalid id",
				fmt.Sprintf("cluster_id must be a cluster id starting with \"C-\" followed by letters and digits (e.g. \"C-DCEE11B49C8F42B4\"), got %q.", id))
		}
	})
}

// whitelistEmptied asks for a replacement when a whitelist that has items is emptied:
// ModifyFlowProjectClusterSetting documents only UserList.N (QueueList.N, HostList.N), and a
// gateway may ignore a bare, empty UserList, which would leave the old items and make the apply
// inconsistent. A new setting has the empty lists whatever the gateway does.
func whitelistEmptied(_ context.Context, req planmodifier.SetRequest, resp *setplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = planmodifiers.Emptied(req.StateValue, req.PlanValue)
}
