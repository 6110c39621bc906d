-- CreateTable
CREATE TABLE "messaging_settings" (
    "org_id" UUID NOT NULL,
    "kill_switch_on" BOOLEAN NOT NULL DEFAULT false,
    "kill_switch_changed_at" TIMESTAMPTZ(6),
    "kill_switch_changed_by" TEXT,
    "kill_switch_reason" TEXT,
    "sender" TEXT NOT NULL DEFAULT 'outbox',
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messaging_settings_pkey" PRIMARY KEY ("org_id")
);

-- CreateTable
CREATE TABLE "messaging_platform_switch" (
    "id" TEXT NOT NULL DEFAULT 'platform',
    "on" BOOLEAN NOT NULL DEFAULT false,
    "changed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changed_by" TEXT NOT NULL,
    "reason" TEXT,

    CONSTRAINT "messaging_platform_switch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messaging_contacts" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "phone_e164" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "state" CHAR(2),
    "zip" TEXT,
    "time_zone" TEXT,
    "opted_out_at" TIMESTAMPTZ(6),
    "opt_out_channel" TEXT,
    "opt_out_keyword" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messaging_contacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messaging_consents" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'sms',
    "source" TEXT NOT NULL,
    "text_shown" TEXT NOT NULL,
    "granted_at" TIMESTAMPTZ(6) NOT NULL,
    "ip" TEXT,
    "form_id" TEXT,
    "recorded_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(6),
    "revoked_by" TEXT,

    CONSTRAINT "messaging_consents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messaging_dnc" (
    "org_id" UUID NOT NULL,
    "phone_e164" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL DEFAULT 'manual',
    "added_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "added_by" TEXT NOT NULL,

    CONSTRAINT "messaging_dnc_pkey" PRIMARY KEY ("org_id","phone_e164")
);

-- CreateTable
CREATE TABLE "messaging_campaigns" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "states" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "rule_overrides" JSONB NOT NULL DEFAULT '{}',
    "max_per_24h" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archived_at" TIMESTAMPTZ(6),

    CONSTRAINT "messaging_campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messaging_decisions" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "phone_e164" TEXT NOT NULL,
    "contact_id" UUID,
    "campaign_id" UUID,
    "message_id" UUID,
    "decision" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "checks" JSONB NOT NULL,
    "send_after" TIMESTAMPTZ(6),
    "decided_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messaging_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messaging_messages" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "contact_id" UUID,
    "campaign_id" UUID,
    "to_e164" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "send_after" TIMESTAMPTZ(6),
    "last_decision_id" UUID,
    "sender" TEXT,
    "provider_message_id" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(6),
    "idempotency_key" TEXT,

    CONSTRAINT "messaging_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messaging_inbound" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "from_e164" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "keyword" TEXT,
    "provider_message_id" TEXT,
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "messaging_inbound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recordings" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'processing',
    "audio_object_key" TEXT NOT NULL,
    "transcript_object_key" TEXT NOT NULL,
    "sample_rate" INTEGER NOT NULL,
    "channels" INTEGER NOT NULL,
    "bits_per_sample" INTEGER NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "uploaded_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uploaded_by" TEXT NOT NULL,
    "redacted_at" TIMESTAMPTZ(6),
    "redacted_transcript" JSONB,
    "last_validation_id" UUID,
    "failure_reason" TEXT,

    CONSTRAINT "recordings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recording_validations" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "recording_id" UUID NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "layer1_spans" INTEGER NOT NULL,
    "layer2_spans" INTEGER NOT NULL,
    "silenced_spans" INTEGER NOT NULL,
    "audio_sha256" CHAR(64),
    "transcript_sha256" CHAR(64),
    "detector_versions" JSONB NOT NULL,
    "report" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recording_validations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recording_redaction_jobs" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL,
    "since" TIMESTAMPTZ(6),
    "status" TEXT NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "cursor" UUID,
    "lease_until" TIMESTAMPTZ(6),
    "requested_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(6),

    CONSTRAINT "recording_redaction_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "messaging_contacts_org_id_created_at_idx" ON "messaging_contacts"("org_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "messaging_contacts_org_id_phone_e164_key" ON "messaging_contacts"("org_id", "phone_e164");

-- CreateIndex
CREATE INDEX "messaging_consents_org_id_contact_id_channel_idx" ON "messaging_consents"("org_id", "contact_id", "channel");

-- CreateIndex
CREATE INDEX "messaging_dnc_org_id_added_at_idx" ON "messaging_dnc"("org_id", "added_at");

-- CreateIndex
CREATE UNIQUE INDEX "messaging_campaigns_org_id_name_key" ON "messaging_campaigns"("org_id", "name");

-- CreateIndex
CREATE INDEX "messaging_decisions_org_id_decided_at_idx" ON "messaging_decisions"("org_id", "decided_at");

-- CreateIndex
CREATE INDEX "messaging_decisions_org_id_phone_e164_decided_at_idx" ON "messaging_decisions"("org_id", "phone_e164", "decided_at");

-- CreateIndex
CREATE INDEX "messaging_messages_status_send_after_idx" ON "messaging_messages"("status", "send_after");

-- CreateIndex
CREATE INDEX "messaging_messages_org_id_to_e164_sent_at_idx" ON "messaging_messages"("org_id", "to_e164", "sent_at");

-- CreateIndex
CREATE INDEX "messaging_messages_org_id_created_at_idx" ON "messaging_messages"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "messaging_inbound_org_id_received_at_idx" ON "messaging_inbound"("org_id", "received_at");

-- CreateIndex
CREATE INDEX "recordings_org_id_uploaded_at_idx" ON "recordings"("org_id", "uploaded_at");

-- CreateIndex
CREATE INDEX "recordings_org_id_source_idx" ON "recordings"("org_id", "source");

-- CreateIndex
CREATE INDEX "recordings_status_idx" ON "recordings"("status");

-- CreateIndex
CREATE INDEX "recording_validations_org_id_recording_id_created_at_idx" ON "recording_validations"("org_id", "recording_id", "created_at");

-- CreateIndex
CREATE INDEX "recording_redaction_jobs_org_id_created_at_idx" ON "recording_redaction_jobs"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "recording_redaction_jobs_status_idx" ON "recording_redaction_jobs"("status");

-- AddForeignKey
ALTER TABLE "messaging_settings" ADD CONSTRAINT "messaging_settings_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messaging_contacts" ADD CONSTRAINT "messaging_contacts_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messaging_consents" ADD CONSTRAINT "messaging_consents_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "messaging_contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messaging_dnc" ADD CONSTRAINT "messaging_dnc_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messaging_campaigns" ADD CONSTRAINT "messaging_campaigns_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recordings" ADD CONSTRAINT "recordings_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "recording_validations" ADD CONSTRAINT "recording_validations_recording_id_fkey" FOREIGN KEY ("recording_id") REFERENCES "recordings"("id") ON DELETE CASCADE ON UPDATE CASCADE;
