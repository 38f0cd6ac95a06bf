// Package graph models the DAG of an EMR data-development flow: the nodes
// (one START, one or more END, and JOB nodes that run flow jobs) and the
// edges between them.
//
// It converts between the Go model and the JSON the EMR console stores in a
// flow's Graph parameter (Decode, Encode, SemanticallyEqual), checks a graph
// against the rules the service and the console rely on (Validate), and
// places unplaced nodes with a deterministic layered layout (Layout). The
// flow resource writes a graph as nodes keyed by id with their dependencies
// (FromKeyed, Dependencies, ValidateKeyed), and writes it over the server's
// document without losing what the model does not hold (Merge).
//
// The package is pure Go on purpose: the flow resource, the emulator and the
// tests share it, and none of them should need a Terraform or SDK type to
// reason about a graph.
package graph

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/emrflow/terraform-provider-emrflow/internal/emrapi/vocab"
)

// NodeType is the kind of a node: NodeStart, NodeEnd or NodeJob. It is a
// plain string so that values read from JSON or HCL need no conversion and
// invalid ones can still be held (and reported by Validate).
type NodeType = string

// The node types of the console JSON (attribute.type).
const (
	NodeStart NodeType = "START"
	NodeEnd   NodeType = "END"
	NodeJob   NodeType = "JOB"
)

// Node is one node of a flow graph.
type Node struct {
	// ID is the node id, unique in the graph; edges refer to it.
	ID string
	// Type is NodeStart, NodeEnd or NodeJob.
	Type NodeType
	// Label is the text the console shows; optional.
	Label string
	// JobID is the flow job a JOB node runs ("FJ-…"); empty for START and END.
	JobID string
	// JobType is the type of that job (one of JobTypes()); empty for START and END.
	JobType string
	// HostName is the node's config.hostName; optional.
	HostName string
	// X and Y are the centre of the node on the console canvas; nil means
	// "not placed", to be filled by Layout.
	X, Y *float64
}

// Edge is a dependency: Target runs after Source. Both are node ids.
type Edge struct {
	Source, Target string
}

// Graph is a flow DAG. Nodes and Edges keep the order they were given in;
// nothing in this package reorders them.
type Graph struct {
	Nodes []Node
	Edges []Edge
}

// JobTypes returns the job types a flow job (and so a JOB node) may have, in
// documentation order (vocab.JobTypes, the one list). The slice is a fresh
// copy on each call.
func JobTypes() []string { return vocab.JobTypes() }

// IsJobType reports whether s is one of JobTypes(). The match is exact
// (case-sensitive), as the API's is.
func IsJobType(s string) bool { return vocab.IsJobType(s) }

// Node sizes on the console canvas, as the console writes them ("W*H").
const (
	controlNodeWidth = 80
	jobNodeWidth     = 170
	nodeHeight       = 34
	controlNodeSize  = "80*34"
	jobNodeSize      = "170*34"
	startShape       = "startControlNode"
	endShape         = "endControlNode"
	jobShapeSuffix   = "JobNode"
	consoleNodeItem  = "node" // the "type" key of a node object
	defaultJobShape  = "jobNode"
)

// ShapeFor returns the console shape of a node: startControlNode,
// endControlNode, or the job type in lower camel case followed by "JobNode"
// (SHELL → shellJobNode, HIVE_SQL → hiveSqlJobNode). A JOB node without a job
// type gets "jobNode"; an unknown node type gets "".
func ShapeFor(nodeType, jobType string) string {
	switch nodeType {
	case NodeStart:
		return startShape
	case NodeEnd:
		return endShape
	case NodeJob:
		if jobType == "" {
			return defaultJobShape
		}
		return lowerCamel(jobType) + jobShapeSuffix
	default:
		return ""
	}
}

// lowerCamel turns "SPARK_STREAMING" into "sparkStreaming".
func lowerCamel(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	first := true
	for word := range strings.SplitSeq(s, "_") {
		if word == "" {
			continue
		}
		lower := strings.ToLower(word)
		if first {
			b.WriteString(lower)
			first = false
			continue
		}
		r, n := utf8.DecodeRuneInString(lower)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(lower[n:])
	}
	return b.String()
}

// sizeFor returns the console size string of a node type.
func sizeFor(nodeType string) string {
	if isControl(nodeType) {
		return controlNodeSize
	}
	return jobNodeSize
}

// widthFor returns the canvas width of a node of the given type.
func widthFor(nodeType string) float64 {
	if isControl(nodeType) {
		return controlNodeWidth
	}
	return jobNodeWidth
}

func isControl(nodeType string) bool {
	return nodeType == NodeStart || nodeType == NodeEnd
}
