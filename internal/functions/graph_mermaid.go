package functions

import (
	"context"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/emrflow/terraform-provider-emrflow/internal/graph"
)

var _ function.Function = (*graphMermaidFunction)(nil)

// NewGraphMermaid returns provider::emrflow::graph_mermaid(nodes): a flow graph's nodes as Mermaid
// flowchart text.
func NewGraphMermaid() function.Function { return &graphMermaidFunction{} }

type graphMermaidFunction struct{}

func (f *graphMermaidFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "graph_mermaid"
}

func (f *graphMermaidFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "A flow graph's nodes as a Mermaid flowchart",
		MarkdownDescription: "Returns Mermaid `flowchart TD` text for a flow graph's `nodes`: one node per key, labelled with its " +
			"`label` (its key when it has none) and, for a `JOB` node, its `job_type`; `START` drawn as a circle and `END` as a " +
			"double circle; one arrow per `depends_on`. Where Mermaid renders (GitHub and GitLab Markdown, many docs sites), " +
			"the text shows as a picture of the DAG: put it in a README, a pull-request comment or an output. The same nodes " +
			"always give the same text. An argument that is not a valid graph (the rules of `emrflow_flow`'s `graph` block) " +
			"is an error that names the node. Needs Terraform 1.8 or later.",
		Parameters: []function.Parameter{
			function.DynamicParameter{
				Name: "nodes",
				// Run sees nodes that are partly unknown and answers unknown text, so that a plan
				// with jobs not yet created shows the output as known after apply.
				AllowUnknownValues: true,
				MarkdownDescription: "The nodes as written in `graph { nodes = … }` (an object keyed by node id whose values " +
					"have `type` and optionally `job_id`, `job_type`, `label`, `host_name`, `depends_on`, `x`, `y`), or " +
					"`emrflow_flow.<name>.graph.nodes`.",
			},
		},
		Return: function.StringReturn{},
	}
}

func (f *graphMermaidFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var arg types.Dynamic
	resp.Error = function.ConcatFuncErrors(resp.Error, req.Arguments.Get(ctx, &arg))
	if resp.Error != nil {
		return
	}
	// A plan can pass nodes that are partly unknown (a job id not created yet): the text is then
	// unknown too, rather than an error about a missing job_id.
	if !whollyKnown(arg) {
		resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, types.StringUnknown()))
		return
	}
	nodes, err := keyedNodes(arg.UnderlyingValue())
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}
	g := graph.FromKeyed(nodes)
	if issues := graph.ValidateKeyed(g); len(issues) > 0 {
		msgs := make([]string, len(issues))
		for i, is := range issues {
			msgs[i] = issuePath(g, is) + ": " + is.Message
		}
		resp.Error = function.NewArgumentFuncError(0, "not a valid flow graph: "+strings.Join(msgs, "; "))
		return
	}
	resp.Error = function.ConcatFuncErrors(resp.Error, resp.Result.Set(ctx, graph.Mermaid(g)))
}

// issuePath names where an issue is as a user wrote it: nodes["extract"].job_id, or "the graph".
func issuePath(g *graph.Graph, is graph.Issue) string {
	if is.Node < 0 {
		return "the graph"
	}
	p := fmt.Sprintf("nodes[%q]", g.Nodes[is.Node].ID)
	if is.Field != "" && is.Field != "id" {
		p += "." + is.Field
	}
	return p
}

// keyedNodes reads the argument: an object or a map keyed by node id, whose values are objects
// (or maps) of the graph block's node attributes. Attributes may be missing (a literal object
// names only what it sets) or null (a resource's value holds them all). Errors name the node.
func keyedNodes(v attr.Value) (map[string]graph.KeyedNode, error) {
	elems, ok := members(v)
	if !ok {
		return nil, fmt.Errorf("nodes must be an object or a map keyed by node id, e.g. { start = { type = \"START\" } }, not %s", typeName(v))
	}
	out := make(map[string]graph.KeyedNode, len(elems))
	for id, ev := range elems {
		attrs, ok := members(ev)
		if !ok {
			return nil, fmt.Errorf("nodes[%q] must be an object such as { type = \"JOB\", job_id = …, job_type = …, depends_on = […] }, not %s", id, typeName(ev))
		}
		var kn graph.KeyedNode
		for _, name := range slices.Sorted(maps.Keys(attrs)) {
			av := attrs[name]
			if av == nil || av.IsNull() {
				continue
			}
			var err error
			switch name {
			case "type":
				kn.Type, err = str(av)
			case "job_id":
				kn.JobID, err = str(av)
			case "job_type":
				kn.JobType, err = str(av)
			case "label":
				kn.Label, err = str(av)
			case "host_name":
				kn.HostName, err = str(av)
			case "x":
				kn.X, err = num(av)
			case "y":
				kn.Y, err = num(av)
			case "depends_on":
				kn.DependsOn, err = strs(av)
			default:
				err = fmt.Errorf("is not a node attribute (type, job_id, job_type, label, host_name, depends_on, x, y)")
			}
			if err != nil {
				return nil, fmt.Errorf("nodes[%q].%s %w", id, name, err)
			}
		}
		out[id] = kn
	}
	return out, nil
}

// whollyKnown tells whether v and everything inside it is known.
func whollyKnown(v attr.Value) bool {
	if v == nil {
		return true
	}
	if v.IsUnknown() {
		return false
	}
	var inner []attr.Value
	switch t := v.(type) {
	case basetypes.DynamicValue:
		return whollyKnown(t.UnderlyingValue())
	case basetypes.ObjectValue:
		for _, e := range t.Attributes() {
			inner = append(inner, e)
		}
	case basetypes.MapValue:
		for _, e := range t.Elements() {
			inner = append(inner, e)
		}
	case basetypes.ListValue:
		inner = t.Elements()
	case basetypes.SetValue:
		inner = t.Elements()
	case basetypes.TupleValue:
		inner = t.Elements()
	}
	for _, e := range inner {
		if !whollyKnown(e) {
			return false
		}
	}
	return true
}

// members returns the attributes of an object or the elements of a map.
func members(v attr.Value) (map[string]attr.Value, bool) {
	switch t := v.(type) {
	case basetypes.ObjectValue:
		return t.Attributes(), !t.IsNull()
	case basetypes.MapValue:
		return t.Elements(), !t.IsNull()
	case basetypes.DynamicValue:
		return members(t.UnderlyingValue())
	}
	return nil, false
}

func str(v attr.Value) (string, error) {
	if s, ok := v.(basetypes.StringValue); ok {
		return s.ValueString(), nil
	}
	if d, ok := v.(basetypes.DynamicValue); ok {
		return str(d.UnderlyingValue())
	}
	return "", fmt.Errorf("must be a string, not %s", typeName(v))
}

func num(v attr.Value) (*float64, error) {
	switch t := v.(type) {
	case basetypes.NumberValue:
		f, _ := new(big.Float).Set(t.ValueBigFloat()).Float64()
		return &f, nil
	case basetypes.Float64Value:
		f := t.ValueFloat64()
		return &f, nil
	case basetypes.Int64Value:
		f := float64(t.ValueInt64())
		return &f, nil
	case basetypes.DynamicValue:
		return num(t.UnderlyingValue())
	}
	return nil, fmt.Errorf("must be a number, not %s", typeName(v))
}

func strs(v attr.Value) ([]string, error) {
	var elems []attr.Value
	switch t := v.(type) {
	case basetypes.SetValue:
		elems = t.Elements()
	case basetypes.ListValue:
		elems = t.Elements()
	case basetypes.TupleValue:
		elems = t.Elements()
	case basetypes.DynamicValue:
		return strs(t.UnderlyingValue())
	default:
		return nil, fmt.Errorf("must be a list of node ids, not %s", typeName(v))
	}
	out := make([]string, 0, len(elems))
	for _, e := range elems {
		s, err := str(e)
		if err != nil || e.IsNull() {
			return nil, fmt.Errorf("must be a list of node ids (strings)")
		}
		out = append(out, s)
	}
	return out, nil
}

// typeName says what kind of value v is, in Terraform's words.
func typeName(v attr.Value) string {
	if v == nil || v.IsNull() {
		return "null"
	}
	switch v.(type) {
	case basetypes.StringValue:
		return "a string"
	case basetypes.NumberValue, basetypes.Float64Value, basetypes.Int64Value:
		return "a number"
	case basetypes.BoolValue:
		return "a bool"
	case basetypes.ListValue, basetypes.TupleValue, basetypes.SetValue:
		return "a list"
	}
	return "a " + v.Type(context.Background()).String()
}
