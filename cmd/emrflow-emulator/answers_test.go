package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// TestAnswersFlag: -answers reaches the emulator: under "sparse" an empty description is left out
// of DescribeFlowProject's answer, which the default profile answers as "".
func TestAnswersFlag(t *testing.T) {
	for _, tc := range []struct {
		profile string
		hasDesc bool
	}{{"default", true}, {"sparse", false}} {
		t.Run(tc.profile, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			pr, pw := io.Pipe()
			done := make(chan error, 1)
			go func() {
				done <- run(ctx, []string{"-listen", "127.0.0.1:0", "-answers", tc.profile}, pw, io.Discard)
				pw.Close()
			}()
			defer func() {
				cancel()
				select {
				case err := <-done:
					if err != nil {
						t.Errorf("run: %v", err)
					}
				case <-time.After(15 * time.Second):
					t.Error("run did not return after cancel")
				}
			}()
			base := readBanner(t, pr)
			c, err := emr.NewClientWithAccessKey("cn-hangzhou", emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret)
			if err != nil {
				t.Fatal(err)
			}
			c.Domain = strings.TrimPrefix(base, "http://")
			create := emr.CreateCreateFlowProjectRequest()
			create.Name, create.Description = "p", ""
			create.FormParams["Description"] = "" // the typed request drops empty values
			created, err := c.CreateFlowProject(create)
			if err != nil {
				t.Fatal(err)
			}
			describe := emr.CreateDescribeFlowProjectRequest()
			describe.ProjectId = created.Id
			got, err := c.DescribeFlowProject(describe)
			if err != nil {
				t.Fatal(err)
			}
			if has := strings.Contains(got.GetHttpContentString(), `"Description"`); has != tc.hasDesc {
				t.Errorf("-answers %s: Description present = %v: %s", tc.profile, has, got.GetHttpContentString())
			}
		})
	}
}
