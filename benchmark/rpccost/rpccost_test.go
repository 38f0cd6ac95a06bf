package rpccost_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi"
	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
	"github.com/emrflow/terraform-provider-emrflow/internal/processdefaults"
	emrprovider "github.com/emrflow/terraform-provider-emrflow/internal/provider"
	"github.com/emrflow/terraform-provider-emrflow/internal/service/flow"
)

// synthSizes are the numbers of string attributes of the synthetic resources emrflow_sK.
var synthSizes = []int{1, 5, 10, 20, 40}

// rpcs are the calls Terraform makes for each resource of a `terraform plan` that refreshes and
// finds no change (Terraform 1.11), in the order it makes them.
var rpcs = []string{"upgrade", "read", "validate", "plan"}

// testProvider serves the resources whose cost is compared: the flow resource's schema with no
// code behind it (as cmd/minimal-provider's emrflow_flow) and synthetic resources of K string
// attributes.
type testProvider struct{}

func (testProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "emrflow"
}
func (testProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (testProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (testProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (testProvider) Resources(context.Context) []func() resource.Resource {
	rs := []func() resource.Resource{
		func() resource.Resource { return sameSchema{real: flow.NewResource()} },
		func() resource.Resource { return sameSchema{real: flow.NewResource(), bare: true} },
	}
	for _, k := range synthSizes {
		rs = append(rs, func() resource.Resource { return synth{k: k} })
	}
	return rs
}

// noCode stores the plan as the state, with unknown values made null, and reads nothing.
type noCode struct{}

func (noCode) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = knownOrNull(req.Plan.Raw)
}
func (noCode) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}
func (noCode) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = knownOrNull(req.Plan.Raw)
}
func (noCode) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// sameSchema serves the flow resource's schema with no code; bare also strips the schema of its
// validators, plan modifiers and defaults (emrflow_flow_bare): the most that moving them out of
// the schema could save.
type sameSchema struct {
	real resource.Resource
	bare bool
	noCode
}

func (r sameSchema) Metadata(ctx context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	r.real.Metadata(ctx, req, resp)
	if r.bare {
		resp.TypeName += "_bare"
	}
}
func (r sameSchema) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	r.real.Schema(ctx, req, resp)
	if r.bare {
		resp.Schema.Attributes = bareAttrs(resp.Schema.Attributes)
		for name, b := range resp.Schema.Blocks {
			switch b := b.(type) {
			case schema.SingleNestedBlock:
				b.Attributes = bareAttrs(b.Attributes)
				b.Validators, b.PlanModifiers = nil, nil
				resp.Schema.Blocks[name] = b
			case schema.SetNestedBlock:
				b.NestedObject.Attributes = bareAttrs(b.NestedObject.Attributes)
				b.Validators, b.PlanModifiers = nil, nil
				resp.Schema.Blocks[name] = b
			}
		}
	}
}

// bareAttrs returns the attributes without validators, plan modifiers and defaults.
func bareAttrs(in map[string]schema.Attribute) map[string]schema.Attribute {
	out := make(map[string]schema.Attribute, len(in))
	for name, a := range in {
		switch a := a.(type) {
		case schema.StringAttribute:
			a.Validators, a.PlanModifiers, a.Default = nil, nil, nil
			out[name] = a
		case schema.BoolAttribute:
			a.Validators, a.PlanModifiers, a.Default = nil, nil, nil
			out[name] = a
		case schema.Int64Attribute:
			a.Validators, a.PlanModifiers, a.Default = nil, nil, nil
			out[name] = a
		case schema.Float64Attribute:
			a.Validators, a.PlanModifiers, a.Default = nil, nil, nil
			out[name] = a
		case schema.SetAttribute:
			a.Validators, a.PlanModifiers, a.Default = nil, nil, nil
			out[name] = a
		case schema.MapNestedAttribute:
			a.NestedObject.Attributes = bareAttrs(a.NestedObject.Attributes)
			a.Validators, a.PlanModifiers, a.Default = nil, nil, nil
			out[name] = a
		default:
			out[name] = a
		}
	}
	return out
}

type synth struct {
	k int
	noCode
}

func (s synth) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_s" + strconv.Itoa(s.k)
}
func (s synth) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := make(map[string]schema.Attribute, s.k)
	for i := range s.k {
		attrs[fmt.Sprintf("a%02d", i)] = schema.StringAttribute{Optional: true}
	}
	resp.Schema = schema.Schema{Attributes: attrs}
}

func knownOrNull(v tftypes.Value) tftypes.Value {
	out, err := tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsKnown() {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
	if err != nil {
		return v
	}
	return out
}

// fixture is one resource, created through the protocol, and the requests of a no-change plan.
type fixture struct {
	srv      tfprotov6.ProviderServer
	typeName string
	config   *tfprotov6.DynamicValue
	state    *tfprotov6.DynamicValue
	json     []byte
	private  []byte
}

func (f *fixture) call(ctx context.Context, rpc string) error {
	var diags []*tfprotov6.Diagnostic
	switch rpc {
	case "upgrade":
		r, err := f.srv.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{TypeName: f.typeName, RawState: &tfprotov6.RawState{JSON: f.json}})
		if err != nil {
			return err
		}
		diags = r.Diagnostics
	case "read":
		r, err := f.srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: f.typeName, CurrentState: f.state, Private: f.private})
		if err != nil {
			return err
		}
		diags = r.Diagnostics
	case "validate":
		r, err := f.srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: f.typeName, Config: f.config})
		if err != nil {
			return err
		}
		diags = r.Diagnostics
	case "plan":
		// With nothing changed, Terraform's proposed new state is the prior state.
		r, err := f.srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: f.typeName,
			PriorState: f.state, ProposedNewState: f.state, Config: f.config, PriorPrivate: f.private})
		if err != nil {
			return err
		}
		diags = r.Diagnostics
	default:
		return fmt.Errorf("unknown rpc %q", rpc)
	}
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return fmt.Errorf("%s: %s: %s", rpc, d.Summary, d.Detail)
		}
	}
	return nil
}

// obj makes a value of t with the given attributes, the others null.
func obj(t tftypes.Type, vals map[string]tftypes.Value) tftypes.Value {
	o, ok := t.(tftypes.Object)
	if !ok {
		panic(fmt.Sprintf("%s is not an object type", t))
	}
	m := make(map[string]tftypes.Value, len(o.AttributeTypes))
	for k, at := range o.AttributeTypes {
		if v, ok := vals[k]; ok {
			m[k] = v
		} else {
			m[k] = tftypes.NewValue(at, nil)
		}
	}
	return tftypes.NewValue(o, m)
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

// flowConfig is the configuration of a flow whose graph is a chain START → jobs JOB nodes → END
// (the benchmark's minimal flow when jobs is 0).
func flowConfig(t tftypes.Object, projectID string, jobs int) tftypes.Value {
	graphT, _ := t.AttributeTypes["graph"].(tftypes.Object)
	nodesT, _ := graphT.AttributeTypes["nodes"].(tftypes.Map)
	nodeT, _ := nodesT.ElementType.(tftypes.Object)
	setT := nodeT.AttributeTypes["depends_on"]
	nodes := map[string]tftypes.Value{"start": obj(nodeT, map[string]tftypes.Value{"type": str("START")})}
	last := "start"
	for i := range jobs {
		id := fmt.Sprintf("j%d", i)
		nodes[id] = obj(nodeT, map[string]tftypes.Value{"type": str("JOB"), "job_id": str("FJ-0000000000000001"),
			"job_type": str("SHELL"), "depends_on": tftypes.NewValue(setT, []tftypes.Value{str(last)})})
		last = id
	}
	nodes["end"] = obj(nodeT, map[string]tftypes.Value{"type": str("END"),
		"depends_on": tftypes.NewValue(setT, []tftypes.Value{str(last)})})
	return obj(t, map[string]tftypes.Value{
		"project_id":  str(projectID),
		"cluster_id":  str(emulator.DefaultClusters()[0]),
		"name":        str("bench-0"),
		"description": str("v1"),
		"graph":       obj(graphT, map[string]tftypes.Value{"nodes": tftypes.NewValue(nodesT, nodes)}),
		"alert":       tftypes.NewValue(t.AttributeTypes["alert"], []tftypes.Value{}),
	})
}

func synthConfig(t tftypes.Object) tftypes.Value {
	vals := map[string]tftypes.Value{}
	for k := range t.AttributeTypes {
		vals[k] = str("value of " + k)
	}
	return obj(t, vals)
}

// jsonState renders v as Terraform's JSON state of a resource.
func jsonState(v tftypes.Value) any {
	if v.IsNull() {
		return nil
	}
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		_ = v.As(&s)
		return s
	case v.Type().Is(tftypes.Bool):
		var b bool
		_ = v.As(&b)
		return b
	case v.Type().Is(tftypes.Number):
		var f big.Float
		_ = v.As(&f)
		return json.Number(f.Text('g', -1))
	case v.Type().Is(tftypes.Object{}), v.Type().Is(tftypes.Map{}):
		var m map[string]tftypes.Value
		_ = v.As(&m)
		out := make(map[string]any, len(m))
		for k, e := range m {
			out[k] = jsonState(e)
		}
		return out
	default:
		var l []tftypes.Value
		_ = v.As(&l)
		out := make([]any, len(l))
		for i, e := range l {
			out[i] = jsonState(e)
		}
		return out
	}
}

// newFixture serves c.typeName (from the real provider when c.realProvider, else from testProvider), creates
// one resource through PlanResourceChange and ApplyResourceChange, and keeps its state.
func newFixture(ctx context.Context, tb testing.TB, c rpcCase) *fixture {
	typeName := c.typeName
	tb.Helper()
	if _, err := processdefaults.Configure(processdefaults.Env{Getenv: os.Getenv, Setenv: os.Setenv}); err != nil {
		tb.Fatal(err)
	}
	var p provider.Provider = testProvider{}
	projectID := "FP-0000000000000000"
	if c.realProvider {
		p = emrprovider.New("rpccost")()
		projectID = realBackend(ctx, tb)
	}
	srv := providerserver.NewProtocol6(p)()
	sch, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		tb.Fatal(err)
	}
	pt := sch.Provider.ValueType()
	pcfg, err := tfprotov6.NewDynamicValue(pt, obj(pt, nil))
	if err != nil {
		tb.Fatal(err)
	}
	cr, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4", Config: &pcfg})
	if err != nil || len(cr.Diagnostics) > 0 {
		tb.Fatalf("configure: %v %v", err, cr.Diagnostics)
	}
	rt, ok := sch.ResourceSchemas[typeName].ValueType().(tftypes.Object)
	if !ok {
		tb.Fatalf("%s: the schema's type is not an object", typeName)
	}
	var cfgV tftypes.Value
	if strings.HasPrefix(typeName, "emrflow_s") {
		// emrflow_sK: K string attributes
		cfgV = synthConfig(rt)
	} else {
		cfgV = flowConfig(rt, projectID, c.jobs)
	}
	cfg, err := tfprotov6.NewDynamicValue(rt, cfgV)
	if err != nil {
		tb.Fatal(err)
	}
	null, err := tfprotov6.NewDynamicValue(rt, tftypes.NewValue(rt, nil))
	if err != nil {
		tb.Fatal(err)
	}
	plan, err := srv.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: typeName,
		PriorState: &null, ProposedNewState: &cfg, Config: &cfg})
	if err != nil || diagErr(plan.Diagnostics) != nil {
		tb.Fatalf("plan create: %v %v", err, diagErr(plan.Diagnostics))
	}
	apply, err := srv.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{TypeName: typeName,
		PriorState: &null, PlannedState: plan.PlannedState, Config: &cfg, PlannedPrivate: plan.PlannedPrivate})
	if err != nil || diagErr(apply.Diagnostics) != nil {
		tb.Fatalf("apply create: %v %v", err, diagErr(apply.Diagnostics))
	}
	stateV, err := apply.NewState.Unmarshal(rt)
	if err != nil {
		tb.Fatal(err)
	}
	js, err := json.Marshal(jsonState(stateV))
	if err != nil {
		tb.Fatal(err)
	}
	return &fixture{srv: srv, typeName: typeName, config: &cfg, state: apply.NewState, json: js, private: apply.Private}
}

func diagErr(ds []*tfprotov6.Diagnostic) error {
	for _, d := range ds {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return fmt.Errorf("%s: %s", d.Summary, d.Detail)
		}
	}
	return nil
}

// realBackend points the real provider at an emulator (RPCCOST_ENDPOINT, e.g. a separate
// emrflow-emulator process so that its instructions are not counted, or an in-process one) and
// returns a new project's id.
func realBackend(ctx context.Context, tb testing.TB) string {
	endpoint := os.Getenv("RPCCOST_ENDPOINT")
	if endpoint == "" {
		srv, err := emulator.New(emulator.Config{})
		if err != nil {
			tb.Fatal(err)
		}
		h := httptest.NewServer(srv)
		tb.Cleanup(h.Close)
		endpoint = h.URL
	}
	for k, v := range map[string]string{
		emrprovider.EndpointEnvVar:        endpoint,
		"ALIBABA_CLOUD_ACCESS_KEY_ID":     emulator.DefaultAccessKeyID,
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET": emulator.DefaultAccessKeySecret,
		"ALIBABA_CLOUD_REGION_ID":         "cn-hangzhou",
	} {
		tb.Setenv(k, v)
	}
	c, err := emrapi.New(ctx, emrapi.Config{RegionID: "cn-hangzhou", Endpoint: endpoint,
		AccessKeyID: emulator.DefaultAccessKeyID, AccessKeySecret: emulator.DefaultAccessKeySecret})
	if err != nil {
		tb.Fatal(err)
	}
	id, err := c.CreateProject(ctx, emrapi.ProjectInput{Name: fmt.Sprintf("rpccost-%d", time.Now().UnixNano()), Description: "rpccost"})
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

// rpcCase is one resource measured: its type, whether the real provider serves it, and for a
// flow the number of JOB nodes between START and END.
type rpcCase struct {
	typeName     string
	realProvider bool
	jobs         int
}

// cases are the resources measured, by name. big-N is the same schema with a graph of N nodes
// (the typed-graph target of issue 10: it grows with the number of values).
func cases() map[string]rpcCase {
	cs := map[string]rpcCase{
		"flow":        {typeName: "emrflow_flow", realProvider: true},
		"same-schema": {typeName: "emrflow_flow"},
		"bare-schema": {typeName: "emrflow_flow_bare"},
	}
	for _, k := range synthSizes {
		cs[fmt.Sprintf("s%d", k)] = rpcCase{typeName: fmt.Sprintf("emrflow_s%d", k)}
	}
	for _, n := range []int{100, 300, 1000} {
		cs[fmt.Sprintf("big-%d", n)] = rpcCase{typeName: "emrflow_flow", jobs: n - 2}
	}
	return cs
}

// BenchmarkRPC times each RPC of a no-change plan for each resource (go test -run '^$' -bench RPC
// ./benchmark/rpccost/).
func BenchmarkRPC(b *testing.B) {
	ctx := context.Background()
	for name, c := range cases() {
		var f *fixture // made by the first sub-benchmark that -bench selects
		for _, rpc := range rpcs {
			b.Run(name+"/"+rpc, func(b *testing.B) {
				if f == nil {
					f = newFixture(ctx, b, c)
				}
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					if err := f.call(ctx, rpc); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestRPCs checks that every RPC of every case succeeds, so that the benchmark measures working calls.
func TestRPCs(t *testing.T) {
	ctx := context.Background()
	for name, c := range cases() {
		if c.jobs > 100 {
			continue // the big graphs' set-up takes seconds; the same code runs for big-100
		}
		t.Run(name, func(t *testing.T) {
			f := newFixture(ctx, t, c)
			for _, rpc := range rpcs {
				if err := f.call(ctx, rpc); err != nil {
					t.Errorf("%s: %v", rpc, err)
				}
			}
		})
	}
}
