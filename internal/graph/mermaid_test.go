package graph

import "testing"

func TestMermaid(t *testing.T) {
	for _, tc := range []struct {
		name  string
		nodes map[string]KeyedNode
		want  string
	}{
		{
			name: "start, one job, end",
			nodes: map[string]KeyedNode{
				"start":   {Node: Node{Type: NodeStart}},
				"extract": {Node: Node{Type: NodeJob, JobID: "FJ-1", JobType: "SHELL"}, DependsOn: []string{"start"}},
				"end":     {Node: Node{Type: NodeEnd}, DependsOn: []string{"extract"}},
			},
			want: "flowchart TD\n" +
				"    n_end(((\"end\")))\n" +
				"    n_extract[\"extract<br/>SHELL\"]\n" +
				"    n_start((\"start\"))\n" +
				"    n_extract --> n_end\n" +
				"    n_start --> n_extract\n",
		},
		{
			name: "labels, a fan-in, ids Mermaid would not take",
			nodes: map[string]KeyedNode{
				"48d474ea": {Node: Node{Type: NodeStart, Label: "Start"}},
				"a-b":      {Node: Node{Type: NodeJob, JobID: "FJ-1", JobType: "HIVE_SQL", Label: `say "hi" <b>#1</b> & go`}, DependsOn: []string{"48d474ea"}},
				"a_b":      {Node: Node{Type: NodeJob, JobID: "FJ-2", JobType: "SPARK", Label: "two\nlines"}, DependsOn: []string{"48d474ea"}},
				"zz":       {Node: Node{Type: NodeEnd}, DependsOn: []string{"a_b", "a-b", "a-b"}},
			},
			want: "flowchart TD\n" +
				"    n_48d474ea((\"Start\"))\n" +
				"    n_a_b[\"say &quot;hi&quot; &lt;b&gt;&num;1&lt;/b&gt; &amp; go<br/>HIVE_SQL\"]\n" +
				"    n_a_b_2[\"two lines<br/>SPARK\"]\n" +
				"    n_zz(((\"zz\")))\n" +
				"    n_48d474ea --> n_a_b\n" +
				"    n_48d474ea --> n_a_b_2\n" +
				"    n_a_b --> n_zz\n" +
				"    n_a_b_2 --> n_zz\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := FromKeyed(tc.nodes)
			if issues := ValidateKeyed(g); issues != nil {
				t.Fatalf("test graph is not valid: %v", issues)
			}
			if got := Mermaid(g); got != tc.want {
				t.Errorf("Mermaid() =\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
