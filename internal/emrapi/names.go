package emrapi

// NamedExactly keeps the items whose name is exactly name, in their order. The List actions'
// Name parameter (ListFlow.md, ListFlowProject.md, ListFlowJob.md) is a filter whose matching
// the pages do not state: it may match more loosely than equality (a prefix, a substring), so a
// lookup by name filters the answer again.
func NamedExactly[T any](items []T, name string, nameOf func(*T) string) []T {
	var out []T
	for i := range items {
		if nameOf(&items[i]) == name {
			out = append(out, items[i])
		}
	}
	return out
}
