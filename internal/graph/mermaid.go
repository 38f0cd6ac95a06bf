package graph

import (
	"strconv"
	"strings"
)

// Mermaid renders g as Mermaid `flowchart TD` text, for README files, pull-request comments and
// docs, where Mermaid renders as a picture: one node per graph node, labelled with its label (its
// id when it has none) and, for a JOB node, its job type; START nodes drawn as circles and END
// nodes as double circles, apart from the jobs' rectangles; one arrow per edge. The output depends
// only on g's nodes and edges, in g's order (FromKeyed gives the same order for the same map), so
// the same graph always gives the same text. g should be valid (ValidateKeyed): edges to unknown
// nodes are drawn as Mermaid would draw them, as bare nodes.
func Mermaid(g *Graph) string {
	var b strings.Builder
	b.WriteString("flowchart TD\n")
	ids := mermaidIDs(g.Nodes)
	for i := range g.Nodes {
		n := &g.Nodes[i]
		label := n.Label
		if label == "" {
			label = n.ID
		}
		label = mermaidText(label)
		b.WriteString("    ")
		b.WriteString(ids[n.ID])
		switch n.Type {
		case NodeStart:
			b.WriteString(`(("` + label + `"))`)
		case NodeEnd:
			b.WriteString(`((("` + label + `")))`)
		default:
			if n.JobType != "" {
				label += "<br/>" + mermaidText(n.JobType)
			}
			b.WriteString(`["` + label + `"]`)
		}
		b.WriteByte('\n')
	}
	for _, e := range g.Edges {
		b.WriteString("    " + mermaidID(ids, e.Source) + " --> " + mermaidID(ids, e.Target) + "\n")
	}
	return b.String()
}

// mermaidIDs gives each node an id Mermaid accepts: "n_" and the node id with every character
// other than a letter, digit or '_' replaced by '_' (the prefix keeps ids such as "end", a Mermaid
// keyword, from closing the chart). Two node ids that map to the same text ("a-b", "a_b") get a
// numeric suffix, in node order.
func mermaidIDs(nodes []Node) map[string]string {
	ids := make(map[string]string, len(nodes))
	used := make(map[string]bool, len(nodes))
	for i := range nodes {
		id := nodes[i].ID
		if _, done := ids[id]; done {
			continue
		}
		base := "n_" + strings.Map(func(r rune) rune {
			if r == '_' || ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') {
				return r
			}
			return '_'
		}, id)
		m := base
		for k := 2; used[m]; k++ {
			m = base + "_" + strconv.Itoa(k)
		}
		used[m] = true
		ids[id] = m
	}
	return ids
}

func mermaidID(ids map[string]string, id string) string {
	if m, ok := ids[id]; ok {
		return m
	}
	return mermaidIDs([]Node{{ID: id}})[id]
}

// mermaidText makes text safe inside a quoted Mermaid label: HTML entities for the characters
// that would end the label, start markup or an entity ('#' starts Mermaid's own entity codes), and
// spaces for line breaks. HTML entities rather than Mermaid's #quot; codes: Mermaid 11 renders
// those codes undecoded (seen with 11.17.2, its own documented example included), while the
// label's HTML shows &quot; as a quote.
var mermaidEscaper = strings.NewReplacer(
	"&", "&amp;", `"`, "&quot;", "<", "&lt;", ">", "&gt;", "#", "&num;",
	"\r\n", " ", "\n", " ", "\r", " ",
)

func mermaidText(s string) string { return mermaidEscaper.Replace(s) }
