package benchmark

import (
	"strings"
	"testing"
)

func TestParseEmulatorWrites(t *testing.T) {
	out := `goos: linux
BenchmarkCreateProject/objects=0/memory/serial-2         	    4341	    699735 ns/op	      1429 creates/s
BenchmarkCreateProject/objects=10000/data/parallel-2   	     246	   8522483 ns/op	       117.3 creates/s
BenchmarkOther/x-2   	     246	   8522483 ns/op	       5 creates/s
BenchmarkCreateProject/objects=0/memory/serial-2         	    4341	    699735 ns/op	      1300 creates/s
PASS
`
	rows, err := ParseEmulatorWrites(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Case != "objects=0/memory/serial" || len(rows[0].CreatesPerSec) != 2 ||
		rows[0].CreatesPerSec[1] != 1300 || rows[1].Case != "objects=10000/data/parallel" || rows[1].CreatesPerSec[0] != 117.3 {
		t.Errorf("rows %+v", rows)
	}
	if _, err := ParseEmulatorWrites(strings.NewReader("PASS\n")); err == nil {
		t.Error("no result lines: want an error")
	}
}
