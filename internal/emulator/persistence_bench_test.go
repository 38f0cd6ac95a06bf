package emulator_test

import (
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// BenchmarkCreateProject measures CreateFlowProject through the official SDK client over loopback,
// with the state in memory or in a -data file, on an empty state and on one of 10,000 objects;
// "serial" is one client, "parallel" ten at once (terraform's default -parallelism). The
// creates/s metric is what BENCHMARKS.md and EMULATOR.md quote.
func BenchmarkCreateProject(b *testing.B) {
	for _, objects := range []int{0, 10000} {
		for _, mode := range []string{"memory", "data"} {
			for _, par := range []string{"serial", "parallel"} {
				b.Run(fmt.Sprintf("objects=%d/%s/%s", objects, mode, par), func(b *testing.B) {
					cfg := emulator.Config{}
					if mode == "data" {
						cfg.DataFile = filepath.Join(b.TempDir(), "state.json")
					}
					srv, err := emulator.New(cfg)
					if err != nil {
						b.Fatal(err)
					}
					if err := emulator.Preload(srv, objects); err != nil {
						b.Fatal(err)
					}
					ts := httptest.NewServer(srv)
					defer ts.Close()
					// One SDK client per goroutine: its client is not safe for concurrent use.
					newClient := func(b *testing.B) *emr.Client {
						client, err := emr.NewClientWithAccessKey(testRegion, emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret)
						if err != nil {
							b.Fatal(err)
						}
						client.Domain = strings.TrimPrefix(ts.URL, "http://")
						return client
					}
					var seq atomic.Int64
					create := func(b *testing.B, client *emr.Client) {
						req := emr.CreateCreateFlowProjectRequest()
						req.Name = fmt.Sprintf("bench-%d", seq.Add(1))
						req.Description = "benchmark"
						if _, err := client.CreateFlowProject(req); err != nil {
							b.Error(err)
						}
					}
					b.ResetTimer()
					if par == "serial" {
						client := newClient(b)
						for b.Loop() {
							create(b, client)
						}
					} else {
						b.SetParallelism(5) // 5 × GOMAXPROCS: ten clients on the 2-core machine
						b.RunParallel(func(pb *testing.PB) {
							client := newClient(b)
							for pb.Next() {
								create(b, client)
							}
						})
					}
					b.ReportMetric(float64(seq.Load())/b.Elapsed().Seconds(), "creates/s")
				})
			}
		}
	}
}
