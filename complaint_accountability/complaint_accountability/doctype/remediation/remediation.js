// 整改事项: the workflow's buttons move it (the owner: Start, Complete; the leading group: Verify,
// Return); the form says when it is past its due date. The fields each may change are editable for
// them only, as remediation.py holds them on the server (which keeps, not saves, anything else).
const COMMITTEE_FIELDS = [
	"title",
	"institution",
	"background",
	"remediation_owner",
	"due_on",
	"root_cause",
	"measures",
	"complaints",
	"verification_note",
];
const OWNER_FIELDS = ["completion_note", "evidence"];

frappe.ui.form.on("Remediation", {
	refresh(frm) {
		const pending = ["Open", "In Progress"].includes(frm.doc.workflow_state);
		if (pending && frm.doc.due_on && frm.doc.due_on < frappe.datetime.get_today()) {
			const due = frappe.datetime.str_to_user(frm.doc.due_on);
			frm.dashboard.set_headline_alert(__("Past its due date ({0})", [due]), "red");
		}
		const owner = frm.doc.remediation_owner === frappe.session.user;
		if (frm.doc.workflow_state === "In Progress" && owner) {
			frm.set_intro(
				__("Write what was done and attach the evidence, then choose Complete."),
				"blue"
			);
		}
		const stored = !frm.is_new();
		const closed = frm.doc.workflow_state === "Verified";
		const committee = frappe.user.has_role("Accountability Committee");
		for (const field of COMMITTEE_FIELDS) {
			frm.set_df_property(field, "read_only", stored && (closed || !committee) ? 1 : 0);
		}
		for (const field of OWNER_FIELDS) {
			frm.set_df_property(field, "read_only", stored && (closed || !owner) ? 1 : 0);
		}
	},
});
