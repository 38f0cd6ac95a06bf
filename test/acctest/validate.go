package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/emrflow/terraform-provider-emrflow/internal/provider"
)

// This file runs plan-time validation in the test process, through the same protocol calls that
// `terraform validate` and `terraform plan` make (ValidateResourceConfig, ValidateDataResourceConfig,
// ValidateProviderConfig then ConfigureProvider), without the CLI: a bad-input rule is a table row
// that takes milliseconds instead of a CLI run that takes seconds. What only the CLI shows (the
// diagnostic printed on the attribute's own configuration line) keeps one CLI case per validation
// family, with ExpectPlanErrorOnLine.

// Config is a configuration without HCL: attribute (and block) names to values. Values are what
// encoding/json makes of them (strings, numbers, bools, []any, map[string]any), nil for null, and
// Unknown for a value not known at plan time. A block is a []any of map[string]any (one element
// per block), or a map[string]any for a single-nested block; a block left out is what Terraform
// sends for it (an empty list or set, a null single block).
type Config map[string]any

// Unknown stands for a value not known until apply (a reference to an attribute of a resource not
// created yet).
var Unknown = unknownValue{}

type unknownValue struct{}

// Diagnostic is one diagnostic of an in-process validation. Path is the attribute path in
// Terraform's notation (graph[0].nodes["e"].type), "" for a diagnostic not on an attribute.
type Diagnostic struct {
	Error   bool
	Path    string
	Summary string
	Detail  string
}

// Text is the summary and the detail as the CLI prints them, the text the CLI cases' regular
// expressions were written against.
func (d Diagnostic) Text() string { return d.Summary + "\n\n" + d.Detail }

func (d Diagnostic) String() string {
	sev := "warning"
	if d.Error {
		sev = "error"
	}
	return fmt.Sprintf("%s at %q: %s: %s", sev, d.Path, d.Summary, d.Detail)
}

// Kinds of configuration that ValidateConfig validates.
const (
	KindProvider   = "provider"
	KindResource   = "resource"
	KindDataSource = "data"
)

// server is the provider under test as the CLI sees it, with its schemas; one per test binary.
var served = sync.OnceValues(func() (*servedProvider, error) {
	srv, err := providerserver.NewProtocol6WithError(provider.New("acctest")())()
	if err != nil {
		return nil, fmt.Errorf("serving the provider: %w", err)
	}
	schemas, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		return nil, fmt.Errorf("provider schema: %w", err)
	}
	return &servedProvider{srv, schemas}, nil
})

type servedProvider struct {
	server  tfprotov6.ProviderServer
	schemas *tfprotov6.GetProviderSchemaResponse
}

// ValidateConfig validates cfg as the configuration of kind (KindProvider, KindResource,
// KindDataSource) typeName (ignored for the provider), in process, and returns every diagnostic.
// For the provider block it also configures the provider when validation passed, as plan does:
// some rules (the region's) can only be checked there. Configuring needs the tests' backend, so
// that case starts it (PreCheck).
func ValidateConfig(t *testing.T, kind, typeName string, cfg Config) []Diagnostic {
	t.Helper()
	p, err := served()
	if err != nil {
		t.Fatal(err)
	}
	srv, schemas := p.server, p.schemas
	ctx := t.Context()
	var schema *tfprotov6.Schema
	switch kind {
	case KindProvider:
		schema = schemas.Provider
	case KindResource:
		schema = schemas.ResourceSchemas[typeName]
	case KindDataSource:
		schema = schemas.DataSourceSchemas[typeName]
	default:
		t.Fatalf("unknown kind %q", kind)
	}
	if schema == nil {
		t.Fatalf("the provider has no %s %q", kind, typeName)
	}
	val, err := blockValue(schema.Block, map[string]any(cfg), tftypes.NewAttributePath())
	if err != nil {
		t.Fatalf("configuration of %s %s: %s", kind, typeName, err)
	}
	dv, err := tfprotov6.NewDynamicValue(schema.ValueType(), val)
	if err != nil {
		t.Fatalf("encoding the configuration: %s", err)
	}
	var diags []*tfprotov6.Diagnostic
	switch kind {
	case KindProvider:
		// A provider of its own: configuring it changes its state, and cases run in parallel.
		if srv, err = providerserver.NewProtocol6WithError(provider.New("acctest")())(); err != nil {
			t.Fatal(err)
		}
		resp, err := srv.ValidateProviderConfig(ctx, &tfprotov6.ValidateProviderConfigRequest{Config: &dv})
		if err != nil {
			t.Fatal(err)
		}
		diags = resp.Diagnostics
		if !hasError(diags) {
			PreCheck(t)
			cresp, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
				TerraformVersion: "1.11.4", Config: &dv,
			})
			if err != nil {
				t.Fatal(err)
			}
			diags = append(diags, cresp.Diagnostics...)
		}
	case KindResource:
		resp, err := srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: typeName, Config: &dv})
		if err != nil {
			t.Fatal(err)
		}
		diags = resp.Diagnostics
	case KindDataSource:
		resp, err := srv.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: typeName, Config: &dv})
		if err != nil {
			t.Fatal(err)
		}
		diags = resp.Diagnostics
	}
	out := make([]Diagnostic, 0, len(diags))
	for _, d := range diags {
		out = append(out, Diagnostic{
			Error:   d.Severity == tfprotov6.DiagnosticSeverityError,
			Path:    pathString(d.Attribute),
			Summary: d.Summary,
			Detail:  d.Detail,
		})
	}
	return out
}

// ValidationCase is one row of a bad-input table: the configuration must be refused with an
// error matching Want (against Diagnostic.Text) on the attribute path Path ("" = any path,
// for rules on the whole configuration).
type ValidationCase struct {
	Config Config
	Path   string
	Want   *regexp.Regexp
}

// RunValidationCases validates every case in process, in parallel subtests.
func RunValidationCases(t *testing.T, kind, typeName string, cases map[string]ValidationCase) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(cases)) {
		tc := cases[name]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ExpectValidationError(t, ValidateConfig(t, kind, typeName, tc.Config), tc.Path, tc.Want)
		})
	}
}

// ExpectValidationError fails the test unless diags hold an error matching want, on path when
// path is set.
func ExpectValidationError(t *testing.T, diags []Diagnostic, path string, want *regexp.Regexp) {
	t.Helper()
	for _, d := range diags {
		if d.Error && want.MatchString(d.Text()) && (path == "" || d.Path == path) {
			return
		}
	}
	where := ""
	if path != "" {
		where = " on " + path
	}
	var got strings.Builder
	for _, d := range diags {
		got.WriteString("\n  " + d.String())
	}
	if got.Len() == 0 {
		got.WriteString(" none")
	}
	t.Errorf("want an error matching %s%s; diagnostics:%s", want, where, got.String())
}

// ExpectPlanErrorOnLine is ExpectPlanError for the one CLI case that a validation family keeps:
// the error must match want and Terraform must show, as the source line of the diagnostic, the
// line of config that starts with attribute (e.g. `cron_expr =`); that proves the diagnostic
// lands on the attribute's own line. want is matched against the text after that line (the
// detail). The line's number is not checked: terraform-plugin-testing adds lines of its own
// before config.
func ExpectPlanErrorOnLine(t *testing.T, config, attribute string, want *regexp.Regexp) {
	t.Helper()
	found := false
	for _, l := range strings.Split(config, "\n") {
		found = found || strings.HasPrefix(strings.TrimSpace(l), attribute)
	}
	if !found {
		t.Fatalf("no line of the configuration starts with %q", attribute)
	}
	// Terraform prints "on <file> line N, in <block>:", then the source line "N: <line>", then
	// the detail.
	ExpectPlanError(t, config, regexp.MustCompile(`(?s)on \S+ line \d+, in [^:\n]*:\s+\d+:\s+`+
		regexp.QuoteMeta(attribute)+`.*`+want.String()))
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

// blockValue builds the value of a block from cfg: attributes through their JSON encoding,
// nested blocks recursively; what cfg leaves out is what Terraform sends for it.
func blockValue(b *tfprotov6.SchemaBlock, cfg map[string]any, at *tftypes.AttributePath) (tftypes.Value, error) {
	known := map[string]bool{}
	vals := map[string]tftypes.Value{}
	for _, a := range b.Attributes {
		known[a.Name] = true
		v, err := attributeValue(a.ValueType(), cfg[a.Name], at.WithAttributeName(a.Name))
		if err != nil {
			return tftypes.Value{}, err
		}
		vals[a.Name] = v
	}
	for _, nb := range b.BlockTypes {
		known[nb.TypeName] = true
		v, err := nestedBlockValue(nb, cfg[nb.TypeName], at.WithAttributeName(nb.TypeName))
		if err != nil {
			return tftypes.Value{}, err
		}
		vals[nb.TypeName] = v
	}
	for k := range cfg {
		if !known[k] {
			return tftypes.Value{}, at.WithAttributeName(k).NewErrorf("the schema has no attribute or block %q", k)
		}
	}
	return tftypes.NewValue(b.ValueType(), vals), nil
}

func attributeValue(typ tftypes.Type, v any, at *tftypes.AttributePath) (tftypes.Value, error) {
	switch v.(type) {
	case nil:
		return tftypes.NewValue(typ, nil), nil
	case unknownValue:
		return tftypes.NewValue(typ, tftypes.UnknownValue), nil
	}
	// Containers given as map[string]any and []any are built element by element, so that an
	// element may be Unknown; the rest through their JSON encoding.
	switch typ := typ.(type) {
	case tftypes.Object:
		if m, ok := v.(map[string]any); ok {
			vals := make(map[string]tftypes.Value, len(typ.AttributeTypes))
			for k, attrType := range typ.AttributeTypes {
				e, err := attributeValue(attrType, m[k], at.WithAttributeName(k))
				if err != nil {
					return tftypes.Value{}, err
				}
				vals[k] = e
			}
			for k := range m {
				if _, ok := typ.AttributeTypes[k]; !ok {
					return tftypes.Value{}, at.WithAttributeName(k).NewErrorf("the object has no attribute %q", k)
				}
			}
			return tftypes.NewValue(typ, vals), nil
		}
	case tftypes.Map:
		if m, ok := v.(map[string]any); ok {
			vals := make(map[string]tftypes.Value, len(m))
			for k, ev := range m {
				e, err := attributeValue(typ.ElementType, ev, at.WithElementKeyString(k))
				if err != nil {
					return tftypes.Value{}, err
				}
				vals[k] = e
			}
			return tftypes.NewValue(typ, vals), nil
		}
	case tftypes.List:
		if l, ok := v.([]any); ok {
			return listValue(typ, typ.ElementType, l, at)
		}
	case tftypes.Set:
		if l, ok := v.([]any); ok {
			return listValue(typ, typ.ElementType, l, at)
		}
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return tftypes.Value{}, at.NewError(err)
	}
	val, err := tftypes.ValueFromJSONWithOpts(raw, typ, tftypes.ValueFromJSONOpts{})
	if err != nil {
		return tftypes.Value{}, at.NewError(err)
	}
	return val, nil
}

// listValue is a list or set of typ built from the elements l.
func listValue(typ, elemType tftypes.Type, l []any, at *tftypes.AttributePath) (tftypes.Value, error) {
	vals := make([]tftypes.Value, 0, len(l))
	for i, ev := range l {
		e, err := attributeValue(elemType, ev, at.WithElementKeyInt(i))
		if err != nil {
			return tftypes.Value{}, err
		}
		vals = append(vals, e)
	}
	return tftypes.NewValue(typ, vals), nil
}

func nestedBlockValue(nb *tfprotov6.SchemaNestedBlock, v any, at *tftypes.AttributePath) (tftypes.Value, error) {
	typ := nb.ValueType()
	if _, ok := v.(unknownValue); ok {
		return tftypes.NewValue(typ, tftypes.UnknownValue), nil
	}
	switch nb.Nesting {
	case tfprotov6.SchemaNestedBlockNestingModeSingle, tfprotov6.SchemaNestedBlockNestingModeGroup:
		if v == nil {
			if nb.Nesting == tfprotov6.SchemaNestedBlockNestingModeGroup {
				return blockValue(nb.Block, nil, at)
			}
			return tftypes.NewValue(typ, nil), nil
		}
		m, ok := v.(map[string]any)
		if !ok {
			return tftypes.Value{}, at.NewErrorf("a single block is a map[string]any, not %T", v)
		}
		return blockValue(nb.Block, m, at)
	case tfprotov6.SchemaNestedBlockNestingModeList, tfprotov6.SchemaNestedBlockNestingModeSet:
		var items []any
		if v != nil {
			var ok bool
			if items, ok = v.([]any); !ok {
				return tftypes.Value{}, at.NewErrorf("a list or set of blocks is a []any, not %T", v)
			}
		}
		elems := make([]tftypes.Value, 0, len(items))
		for i, item := range items {
			m, ok := item.(map[string]any)
			if !ok {
				return tftypes.Value{}, at.WithElementKeyInt(i).NewErrorf("a block is a map[string]any, not %T", item)
			}
			e, err := blockValue(nb.Block, m, at.WithElementKeyInt(i))
			if err != nil {
				return tftypes.Value{}, err
			}
			elems = append(elems, e)
		}
		return tftypes.NewValue(typ, elems), nil
	default:
		return tftypes.Value{}, at.NewErrorf("block nesting %v is not supported by the test helper", nb.Nesting)
	}
}

// pathString renders an attribute path as Terraform does: a.b[0].c["k"].
func pathString(p *tftypes.AttributePath) string {
	if p == nil {
		return ""
	}
	var b strings.Builder
	for _, s := range p.Steps() {
		switch s := s.(type) {
		case tftypes.AttributeName:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(string(s))
		case tftypes.ElementKeyString:
			fmt.Fprintf(&b, "[%q]", string(s))
		case tftypes.ElementKeyInt:
			fmt.Fprintf(&b, "[%d]", int64(s))
		case tftypes.ElementKeyValue:
			b.WriteString("[*]") // a set element: Terraform shows no key
		}
	}
	return b.String()
}
