// 整改事项: the workflow's buttons move it (the owner: Start, Complete; the leading group: Verify,
// Return); the form says when it is past its due date.
frappe.ui.form.on("Remediation", {
	refresh(frm) {
		const pending = ["Open", "In Progress"].includes(frm.doc.workflow_state);
		if (pending && frm.doc.due_on && frm.doc.due_on < frappe.datetime.get_today()) {
			const due = frappe.datetime.str_to_user(frm.doc.due_on);
			frm.dashboard.set_headline_alert(__("Past its due date ({0})", [due]), "red");
		}
		if (
			frm.doc.workflow_state === "In Progress" &&
			frm.doc.remediation_owner === frappe.session.user
		) {
			frm.set_intro(
				__("Write what was done and attach the evidence, then choose Complete."),
				"blue"
			);
		}
	},
});
