package emulator

// The console page: a read-only picture of the emulator's state at "/" (for a browser) and at
// "/console", server-rendered with html/template and inline SVG, with no script. It lists the
// projects with their flows, jobs and recent runs, and draws each flow's DAG at the positions its
// graph stores, coloured by the status of the flow's last run.

import (
	"bytes"
	"encoding/json"
	"html/template"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// consoleRuns is how many recent runs the page shows per project.
const consoleRuns = 20

// isConsoleRequest tells a browser's request for "/" (no query, HTML accepted) from an API call,
// which always carries parameters.
func isConsoleRequest(r *http.Request) bool {
	return r.URL.Path == "/" && r.Method == http.MethodGet && r.URL.RawQuery == "" &&
		strings.Contains(r.Header.Get("Accept"), "text/html")
}

func (s *Server) serveConsole(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	now := s.now()
	if aerr := s.advanceRuns(now); aerr != nil {
		http.Error(w, "emulator: "+aerr.message, http.StatusInternalServerError)
		return
	}
	var page consolePage
	s.mu.RLock()
	page = buildConsole(s.st, s.runs.runClock(now))
	s.mu.RUnlock()
	var buf bytes.Buffer
	if err := consoleTemplate.Execute(&buf, page); err != nil {
		http.Error(w, "emulator: rendering the console: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
}

type consolePage struct {
	Now      string
	Projects []consoleProject
}

type consoleProject struct {
	ID, Name, Description string
	Flows                 []consoleFlow
	Jobs                  []consoleJob
	Runs                  []consoleRun
}

type consoleJob struct{ ID, Name, Type, Params string }

type consoleRun struct {
	ID, FlowName, Status, Started, Duration string
	Scheduled                               bool
}

type consoleFlow struct {
	ID, Name, ClusterID, Status, Cron string
	LastRun                           string // id of the last run, "" when none
	LastStatus                        string
	Graph                             *consoleGraph
}

// consoleGraph is a flow's DAG in SVG coordinates.
type consoleGraph struct {
	ViewBox       string
	MarkerID      string // the arrow head's id, unique in the page
	Width, Height float64
	Nodes         []consoleNode
	Edges         []consoleEdge
}

type consoleNode struct {
	ID, Label, Type, Kind, Status string
	X, Y, W, H                    float64 // top-left corner and size
	CX, CY                        float64 // centre
	Fill, Stroke                  string
}

type consoleEdge struct {
	Source, Target string
	X1, Y1, X2, Y2 float64
}

func buildConsole(st *state, now int64) consolePage {
	page := consolePage{Now: time.UnixMilli(now).UTC().Format(time.RFC3339)}
	lastRun := map[string]*flowInstance{}
	runsByProject := map[string][]*flowInstance{}
	for _, in := range st.Instances {
		runsByProject[in.ProjectID] = append(runsByProject[in.ProjectID], in)
		if l := lastRun[in.FlowID]; l == nil || in.Seq > l.Seq {
			lastRun[in.FlowID] = in
		}
	}
	for _, p := range sortedBySeq(st.Projects, func(p *project) int64 { return p.Seq }) {
		cp := consoleProject{ID: p.ID, Name: p.Name, Description: p.Description}
		for _, f := range sortedBySeq(st.Flows, func(f *flow) int64 { return f.Seq }) {
			if f.ProjectID != p.ID {
				continue
			}
			cf := consoleFlow{ID: f.ID, Name: f.Name, ClusterID: f.ClusterID, Status: f.Status, Cron: f.CronExpr}
			statuses := map[string]string{}
			if in := lastRun[f.ID]; in != nil {
				cf.LastRun, cf.LastStatus = in.ID, in.Status
				for _, n := range in.Nodes {
					statuses[n.NodeName] = n.Status
				}
			}
			if cf.Graph = layoutConsoleGraph(f.Graph, statuses); cf.Graph != nil {
				cf.Graph.MarkerID = "arrow-" + f.ID
			}
			cp.Flows = append(cp.Flows, cf)
		}
		for _, j := range sortedBySeq(st.Jobs, func(j *job) int64 { return j.Seq }) {
			if j.ProjectID == p.ID {
				cp.Jobs = append(cp.Jobs, consoleJob{ID: j.ID, Name: j.Name, Type: j.Type, Params: firstLine(j.Params)})
			}
		}
		runs := runsByProject[p.ID]
		sort.Slice(runs, func(i, j int) bool { return runs[i].Seq > runs[j].Seq })
		for _, in := range runs[:min(len(runs), consoleRuns)] {
			cr := consoleRun{ID: in.ID, FlowName: in.FlowName, Status: in.Status, Scheduled: in.ScheduleTime != 0,
				Duration: (time.Duration(in.duration(now)) * time.Millisecond).String()}
			if in.StartTime != 0 {
				cr.Started = time.UnixMilli(in.StartTime).UTC().Format("2006-01-02 15:04:05")
			}
			cp.Runs = append(cp.Runs, cr)
		}
		page.Projects = append(page.Projects, cp)
	}
	return page
}

// consoleGraphJSON reads what the picture needs of a stored graph. Positions may be numbers or
// strings (the console writes both); a missing one is placed on a fallback grid.
type consoleGraphJSON struct {
	Nodes []struct {
		ID        string          `json:"id"`
		Label     string          `json:"label"`
		Size      string          `json:"size"`
		X         json.RawMessage `json:"x"`
		Y         json.RawMessage `json:"y"`
		Attribute struct {
			Type    string `json:"type"`
			JobType string `json:"jobType"`
		} `json:"attribute"`
	} `json:"nodes"`
	Edges []struct {
		Source string `json:"source"`
		Target string `json:"target"`
	} `json:"edges"`
}

// Node colours by the last run's node status (the console's palette, roughly).
var statusColours = map[string][2]string{
	nodeOK:      {"#d9f7be", "#389e0d"},
	nodeFailed:  {"#ffccc7", "#cf1322"},
	nodeRunning: {"#bae7ff", "#096dd9"},
	nodeKilled:  {"#d9d9d9", "#595959"},
	nodePrep:    {"#fafafa", "#8c8c8c"},
	"":          {"#ffffff", "#5b8ff9"},
}

const graphMargin = 30

// layoutConsoleGraph places a stored graph in SVG coordinates: the stored x/y are node centres
// (as the console's editor keeps them); sizes come from "size" ("170*34") or the node type.
func layoutConsoleGraph(raw string, statuses map[string]string) *consoleGraph {
	if raw == "" {
		return nil
	}
	var g consoleGraphJSON
	if err := json.Unmarshal([]byte(raw), &g); err != nil || len(g.Nodes) == 0 {
		return nil
	}
	out := &consoleGraph{}
	byID := map[string]*consoleNode{}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i, n := range g.Nodes {
		typ := n.Attribute.Type
		if typ == "" {
			typ = "JOB"
		}
		w, h := nodeSize(n.Size, typ)
		cx, okX := coordinate(n.X)
		cy, okY := coordinate(n.Y)
		if !okX || !okY {
			cx, cy = float64(100+(i%4)*220), float64(60+(i/4)*100)
		}
		label := n.Label
		if label == "" {
			label = n.ID
			if typ != "JOB" {
				label = strings.ToLower(typ)
			}
		}
		kind := n.Attribute.JobType
		if typ != "JOB" {
			kind = typ
		}
		status := statuses[n.ID]
		colours, ok := statusColours[status]
		if !ok {
			colours = statusColours[""]
		}
		cn := consoleNode{ID: n.ID, Label: label, Type: typ, Kind: kind, Status: status,
			X: cx - w/2, Y: cy - h/2, W: w, H: h, CX: cx, CY: cy, Fill: colours[0], Stroke: colours[1]}
		out.Nodes = append(out.Nodes, cn)
		minX, minY = math.Min(minX, cn.X), math.Min(minY, cn.Y)
		maxX, maxY = math.Max(maxX, cn.X+w), math.Max(maxY, cn.Y+h)
	}
	for i := range out.Nodes {
		byID[out.Nodes[i].ID] = &out.Nodes[i]
	}
	for _, e := range g.Edges {
		s, t := byID[e.Source], byID[e.Target]
		if s == nil || t == nil {
			continue
		}
		x1, y1, x2, y2 := edgeEnds(s, t)
		out.Edges = append(out.Edges, consoleEdge{Source: e.Source, Target: e.Target, X1: x1, Y1: y1, X2: x2, Y2: y2})
	}
	out.Width = maxX - minX + 2*graphMargin
	out.Height = maxY - minY + 2*graphMargin
	out.ViewBox = strings.Join([]string{num(minX - graphMargin), num(minY - graphMargin), num(out.Width), num(out.Height)}, " ")
	return out
}

// edgeEnds runs an edge from the source's bottom to the target's top, or side to side when the
// target is beside the source rather than below it.
func edgeEnds(s, t *consoleNode) (x1, y1, x2, y2 float64) {
	if t.Y >= s.Y+s.H {
		return s.CX, s.Y + s.H, t.CX, t.Y
	}
	if t.Y+t.H <= s.Y {
		return s.CX, s.Y, t.CX, t.Y + t.H
	}
	if t.CX >= s.CX {
		return s.X + s.W, s.CY, t.X, t.CY
	}
	return s.X, s.CY, t.X + t.W, t.CY
}

func nodeSize(size, typ string) (w, h float64) {
	if a, b, ok := strings.Cut(size, "*"); ok {
		wv, err1 := strconv.ParseFloat(a, 64)
		hv, err2 := strconv.ParseFloat(b, 64)
		if err1 == nil && err2 == nil && wv > 0 && hv > 0 && wv < 1000 && hv < 1000 {
			return wv, hv
		}
	}
	if typ == "JOB" {
		return 170, 34
	}
	return 80, 34
}

func coordinate(raw json.RawMessage) (float64, bool) {
	var f float64
	if json.Unmarshal(raw, &f) == nil {
		return f, true
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			return v, true
		}
	}
	return 0, false
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

var consoleTemplate = template.Must(template.New("console").Funcs(template.FuncMap{
	"num": num,
	"trimLen": func(s string, n int) string {
		r := []rune(s)
		if len(r) <= n {
			return s
		}
		return string(r[:n-1]) + "…"
	},
}).Parse(consoleHTML))

// consoleHTML is kept well-formed XML (every element closed), so that tests can parse it with
// encoding/xml.
const consoleHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>EMR Flow emulator</title>
<style>
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0; color: #262626; background: #f0f2f5; }
header { background: #001529; color: #fff; padding: 12px 24px; }
header h1 { font-size: 18px; margin: 0; display: inline; }
header span { color: #bfbfbf; margin-left: 16px; font-size: 13px; }
main { padding: 16px 24px; }
section.project { background: #fff; border-radius: 4px; padding: 12px 20px; margin-bottom: 20px; }
h2 { font-size: 17px; margin: 4px 0 8px; }
h3 { font-size: 14px; margin: 14px 0 6px; color: #595959; }
table { border-collapse: collapse; font-size: 13px; margin-bottom: 8px; }
th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid #f0f0f0; }
th { color: #8c8c8c; font-weight: normal; }
code { font-size: 12px; }
.status { padding: 1px 6px; border-radius: 3px; font-size: 12px; }
.s-SUCCEEDED { background: #d9f7be; } .s-FAILED { background: #ffccc7; } .s-RUNNING { background: #bae7ff; }
.s-KILLED { background: #d9d9d9; } .s-SUSPENDED { background: #fff1b8; } .s-PREP { background: #fafafa; }
.flow { border: 1px solid #f0f0f0; border-radius: 4px; margin: 8px 0; padding: 8px 12px; }
.flow svg { background: #fbfbfb; border: 1px solid #f0f0f0; display: block; max-width: 100%; height: auto; }
.muted { color: #8c8c8c; }
</style>
</head>
<body>
<header><h1>EMR Flow emulator</h1><span>read-only console · {{.Now}}</span></header>
<main>
{{if not .Projects}}<p class="muted">No projects yet.</p>{{end}}
{{range .Projects}}
<section class="project" id="{{.ID}}">
<h2>{{.Name}} <code class="muted">{{.ID}}</code></h2>
{{if .Description}}<p class="muted">{{.Description}}</p>{{end}}
<h3>Flows</h3>
{{if not .Flows}}<p class="muted">No flows.</p>{{end}}
{{range .Flows}}
<div class="flow" id="{{.ID}}">
<table>
<tr><th>flow</th><th>id</th><th>cluster</th><th>schedule</th><th>last run</th></tr>
<tr><td><strong>{{.Name}}</strong></td><td><code>{{.ID}}</code></td><td><code>{{.ClusterID}}</code></td>
<td>{{.Status}}{{if .Cron}} <code>{{.Cron}}</code>{{end}}</td>
<td>{{if .LastRun}}<code>{{.LastRun}}</code> <span class="status s-{{.LastStatus}}">{{.LastStatus}}</span>{{else}}<span class="muted">never run</span>{{end}}</td></tr>
</table>
{{with .Graph}}
<svg xmlns="http://www.w3.org/2000/svg" class="dag" width="{{num .Width}}" height="{{num .Height}}" viewBox="{{.ViewBox}}">
<defs><marker id="{{.MarkerID}}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#8c8c8c"></path></marker></defs>
{{$g := .}}{{range .Edges}}<line class="edge" data-source="{{.Source}}" data-target="{{.Target}}" x1="{{num .X1}}" y1="{{num .Y1}}" x2="{{num .X2}}" y2="{{num .Y2}}" stroke="#8c8c8c" stroke-width="1.5" marker-end="url(#{{$g.MarkerID}})"></line>
{{end}}{{range .Nodes}}<g class="node" data-node-id="{{.ID}}" data-type="{{.Type}}" data-status="{{.Status}}">
<rect x="{{num .X}}" y="{{num .Y}}" width="{{num .W}}" height="{{num .H}}" rx="{{if eq .Type "JOB"}}4{{else}}17{{end}}" fill="{{.Fill}}" stroke="{{.Stroke}}" stroke-width="1.5"></rect>
<text x="{{num .CX}}" y="{{num .CY}}" dy="-1" text-anchor="middle" font-size="12" fill="#262626">{{trimLen .Label 24}}</text>
<text x="{{num .CX}}" y="{{num .CY}}" dy="11" text-anchor="middle" font-size="9" fill="#8c8c8c">{{.Kind}}{{if .Status}} · {{.Status}}{{end}}</text>
</g>
{{end}}</svg>
{{else}}<p class="muted">No graph.</p>{{end}}
</div>
{{end}}
<h3>Jobs</h3>
{{if .Jobs}}<table>
<tr><th>job</th><th>id</th><th>type</th><th>params</th></tr>
{{range .Jobs}}<tr class="job"><td>{{.Name}}</td><td><code>{{.ID}}</code></td><td>{{.Type}}</td><td><code>{{trimLen .Params 60}}</code></td></tr>
{{end}}</table>{{else}}<p class="muted">No jobs.</p>{{end}}
<h3>Recent runs</h3>
{{if .Runs}}<table>
<tr><th>run</th><th>flow</th><th>status</th><th>started (UTC)</th><th>duration</th></tr>
{{range .Runs}}<tr class="run" data-run-id="{{.ID}}"><td><code>{{.ID}}</code>{{if .Scheduled}} <span class="muted">scheduled</span>{{end}}</td><td>{{.FlowName}}</td><td><span class="status s-{{.Status}}">{{.Status}}</span></td><td>{{.Started}}</td><td>{{.Duration}}</td></tr>
{{end}}</table>{{else}}<p class="muted">No runs.</p>{{end}}
</section>
{{end}}
</main>
</body>
</html>
`
