package emulator_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/emr"

	"github.com/emrflow/terraform-provider-emrflow/internal/emulator"
)

// regionClient returns an SDK client of the fixture's emulator that sends RegionId=region.
func (f *fixture) regionClient(region string) *emr.Client {
	f.t.Helper()
	c, err := emr.NewClientWithAccessKey(region, emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret)
	if err != nil {
		f.t.Fatalf("NewClientWithAccessKey: %v", err)
	}
	c.Domain = f.host()
	return c
}

// TestRegionScoping: objects live in the region that created them. Through another region's
// RegionId, a project, its flows, jobs and categories do not exist (the documented not-found
// messages), lists do not show them, and names may be reused.
func TestRegionScoping(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	p := f.createProject("regional")
	fl := f.createFlow(p, "flow")
	job := f.createJob(p, "job")
	cat := emr.CreateCreateFlowCategoryRequest()
	cat.ProjectId, cat.Name, cat.Type = p, "folder", "FLOW"
	catResp, err := f.client.CreateFlowCategory(cat)
	mustOK(t, "CreateFlowCategory", err)

	sh := f.regionClient("cn-shanghai")
	dp := emr.CreateDescribeFlowProjectRequest()
	dp.ProjectId = p
	_, err = sh.DescribeFlowProject(dp)
	flowErr(t, err, "Project does not exist ["+p+"]")
	df := emr.CreateDescribeFlowRequest()
	df.ProjectId, df.Id = p, fl
	_, err = sh.DescribeFlow(df)
	flowErr(t, err, "Project does not exist ["+p+"]")
	dj := emr.CreateDescribeFlowJobRequest()
	dj.ProjectId, dj.Id = p, job
	_, err = sh.DescribeFlowJob(dj)
	flowErr(t, err, "Project does not exist ["+p+"]")
	dc := emr.CreateDescribeFlowCategoryRequest()
	dc.ProjectId, dc.Id = p, catResp.Id
	_, err = sh.DescribeFlowCategory(dc)
	flowErr(t, err, "Project does not exist ["+p+"]")
	del := emr.CreateDeleteFlowRequest()
	del.ProjectId, del.Id = p, fl
	_, err = sh.DeleteFlow(del)
	flowErr(t, err, "Project does not exist ["+p+"]")
	delp := emr.CreateDeleteFlowProjectRequest()
	delp.ProjectId = p
	_, err = sh.DeleteFlowProject(delp)
	flowErr(t, err, "project not exist")

	lp, err := sh.ListFlowProject(emr.CreateListFlowProjectRequest())
	mustOK(t, "ListFlowProject in cn-shanghai", err)
	if lp.Total != 0 {
		t.Errorf("cn-shanghai lists %d projects of cn-hangzhou", lp.Total)
	}
	lf, err := sh.ListFlow(emr.CreateListFlowRequest())
	mustOK(t, "ListFlow in cn-shanghai", err)
	if lf.Total != 0 {
		t.Errorf("cn-shanghai lists %d flows of cn-hangzhou", lf.Total)
	}
	// The same name in another region is another project.
	cp := emr.CreateCreateFlowProjectRequest()
	cp.Name, cp.Description = "regional", "d"
	other, err := sh.CreateFlowProject(cp)
	mustOK(t, "CreateFlowProject with the same name in cn-shanghai", err)
	// A parent flow must be of the same region.
	cf := newFlowRequest(other.Id, "child")
	cf.ParentFlowList = fl
	_, err = sh.CreateFlowForWeb(cf)
	flowErr(t, err, "Parent flow does not exist ["+fl+"]")

	// The home region still sees everything.
	if got := f.describeFlow(p, fl); got.Id != fl {
		t.Errorf("DescribeFlow in cn-hangzhou: %+v", got)
	}
	// RegionId is required on every action (every page lists it as required).
	resp := f.raw(rawRequest{action: "ListFlowProject", mutate: signedWith("POST", func(v url.Values) { v.Del("RegionId") })})
	if code, msg := resp.code(t); code != "MissingParameter" || !strings.Contains(msg, "RegionId") {
		t.Errorf("without RegionId: %d %s %s", resp.status, code, msg)
	}
}

// TestDocumentedAnswers checks the answers against the doc pages' fields and values.
func TestDocumentedAnswers(t *testing.T) {
	f := newFixture(t, emulator.Config{})
	p := f.createProject("docs")
	fl := f.createFlow(p, "flow")

	// ListFlow.md: Type "目前只支持 EMR"; DescribeFlow (no page) shares it.
	if got := f.describeFlow(p, fl); got.Type != "EMR" {
		t.Errorf("DescribeFlow Type = %q, want EMR", got.Type)
	}
	list := emr.CreateListFlowRequest()
	list.ProjectId = p
	lr, err := f.client.ListFlow(list)
	mustOK(t, "ListFlow", err)
	if len(lr.Flow.FlowItem) != 1 || lr.Flow.FlowItem[0].Type != "EMR" {
		t.Fatalf("ListFlow items: %+v", lr.Flow.FlowItem)
	}
	// The SDK's FlowItem (ListFlow) has no Namespace, LogArchiveLocation or Lifecycle.
	for _, key := range []string{"Namespace", "LogArchiveLocation", "Lifecycle"} {
		if strings.Contains(lr.GetHttpContentString(), `"`+key+`"`) {
			t.Errorf("ListFlow item carries %s: %s", key, lr.GetHttpContentString())
		}
	}

	// CreateFlowCategory.md: Type FLOW, JOB or ADHOC.
	cat := emr.CreateCreateFlowCategoryRequest()
	cat.ProjectId, cat.Name, cat.Type = p, "queries", "ADHOC"
	cr, err := f.client.CreateFlowCategory(cat)
	mustOK(t, "CreateFlowCategory ADHOC", err)
	dc := emr.CreateDescribeFlowCategoryRequest()
	dc.ProjectId, dc.Id = p, cr.Id
	got, err := f.client.DescribeFlowCategory(dc)
	mustOK(t, "DescribeFlowCategory", err)
	if got.Type != "ADHOC" {
		t.Errorf("category Type = %q", got.Type)
	}
	cat.Type, cat.Name = "FILE", "bad"
	_, err = f.client.CreateFlowCategory(cat)
	gatewayErr(t, err, 400, "InvalidParameter")

	// ModifyFlow.md: Periodic is an input. With a cron, a flow is periodic until Periodic=false;
	// then it cannot be UNDER_SCHEDULE.
	mod := func(extra map[string]string) error {
		params := map[string]string{
			"Id": fl, "ProjectId": p, "Graph": "", "ClusterId": "C-0000000000000001", "CreateCluster": "false",
			"CronExpr": "0 0 * * * ?", "StartSchedule": "1700000000000",
		}
		for k, v := range extra {
			params[k] = v
		}
		_, err := f.common(f.client, "2016-04-08", "ModifyFlowForWeb", params)
		return err
	}
	mustOK(t, "ModifyFlowForWeb with a cron", mod(nil))
	if got := f.describeFlow(p, fl); !got.Periodic {
		t.Errorf("a flow with a cron is not periodic: %+v", got)
	}
	mustOK(t, "ModifyFlowForWeb Periodic=false", mod(map[string]string{"Periodic": "false"}))
	if got := f.describeFlow(p, fl); got.Periodic {
		t.Errorf("Periodic=false is not kept")
	}
	flowErr(t, mod(map[string]string{"Status": "UNDER_SCHEDULE"}), "Flow is not periodic")
	mustOK(t, "ModifyFlowForWeb Periodic=true UNDER_SCHEDULE", mod(map[string]string{"Periodic": "true", "Status": "UNDER_SCHEDULE"}))
	if got := f.describeFlow(p, fl); !got.Periodic || got.Status != "UNDER_SCHEDULE" {
		t.Errorf("after Periodic=true: %+v", got)
	}
	gatewayErr(t, mod(map[string]string{"Periodic": "sometimes"}), 400, "InvalidParameter")

	// ModifyFlow.md: names up to 64 characters, descriptions up to 156, on create and modify.
	long := newFlowRequest(p, strings.Repeat("n", 65))
	_, err = f.client.CreateFlowForWeb(long)
	gatewayErr(t, err, 400, "InvalidParameter")
	long = newFlowRequest(p, strings.Repeat("名", 64))
	long.Description = strings.Repeat("d", 157)
	_, err = f.client.CreateFlowForWeb(long)
	gatewayErr(t, err, 400, "InvalidParameter")
	long.Description = strings.Repeat("d", 156)
	_, err = f.client.CreateFlowForWeb(long)
	mustOK(t, "CreateFlowForWeb at the limits", err)
	gatewayErr(t, mod(map[string]string{"Name": strings.Repeat("n", 65)}), 400, "InvalidParameter")

	// CreateFlowProject.md's sample error.
	cp := emr.CreateCreateFlowProjectRequest()
	cp.Name, cp.Description = strings.Repeat("n", 257), "d"
	_, err = f.client.CreateFlowProject(cp)
	flowErr(t, err, "Invalid project name [Project name longer than 256]")
	cp.Name = strings.Repeat("n", 256)
	_, err = f.client.CreateFlowProject(cp)
	mustOK(t, "CreateFlowProject with 256 characters", err)

	// DescribeFlowJob.md's sample error, on every job action.
	dj := emr.CreateDescribeFlowJobRequest()
	dj.ProjectId, dj.Id = p, "FJ-0000000000000000"
	_, err = f.client.DescribeFlowJob(dj)
	flowErr(t, err, "Flow Job does not exist [FJ-0000000000000000]")
	delj := emr.CreateDeleteFlowJobRequest()
	delj.ProjectId, delj.Id = p, "FJ-0000000000000000"
	_, err = f.client.DeleteFlowJob(delj)
	flowErr(t, err, "Flow Job does not exist [FJ-0000000000000000]")
}
