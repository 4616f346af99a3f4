-- pytest-pggit test data: Cal.com's (scheduling) Prisma migrations, every
-- packages/prisma/migrations/*/migration.sql in order, as `prisma migrate deploy` runs them (a long
-- history of 390 migrations, 2021-06 to 2025-03: quoted CamelCase names, enums rebuilt by Prisma's
-- rename-create-convert-drop pattern, columns dropped and added again, data moved by UPDATE ... FROM
-- and INSERT ... SELECT, a table renamed with its indexes, views replaced many times, one file with
-- its own BEGIN; ... COMMIT;)
-- Source: https://github.com/calcom/cal.com (release v5.0.20, commit
--   4dc21ab2b012106d1e659fb2d87f3029a439d8ee), packages/prisma/migrations/*/migration.sql, read from
--   a fork holding that commit (https://github.com/xotjrOh/thewe-scheduler; the fork's later commit
--   changes two default time zones, not taken here)
-- License:
--   AGPL-3.0 (the repository's LICENSE: content outside packages/features/ee and apps/api/v2/src/ee
--   under the GNU Affero General Public License, version 3).
--   Copyright (c) 2020-present Cal.com, Inc.
-- Changes:
--   * each file starts with a "-- ===== <migration folder>" line and ends with a lone ";"

-- ===== packages/prisma/migrations/20210605225044_init
-- CreateTable
CREATE TABLE "EventType" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "description" TEXT,
    "locations" JSONB,
    "length" INTEGER NOT NULL,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "userId" INTEGER,

    PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Credential" (
    "id" SERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "key" JSONB NOT NULL,
    "userId" INTEGER,

    PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "username" TEXT,
    "name" TEXT,
    "email" TEXT,
    "password" TEXT,
    "bio" TEXT,
    "avatar" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT E'Europe/London',
    "weekStart" TEXT DEFAULT E'Sunday',
    "startTime" INTEGER NOT NULL DEFAULT 0,
    "endTime" INTEGER NOT NULL DEFAULT 1440,
    "created" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users.email_unique" ON "users"("email");

-- AddForeignKey
ALTER TABLE "EventType" ADD FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Credential" ADD FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20210605225507_added_bookings
-- CreateTable
CREATE TABLE "BookingReference" (
    "id" SERIAL NOT NULL,
    "type" TEXT NOT NULL,
    "uid" TEXT NOT NULL,
    "bookingId" INTEGER,

    PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attendee" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "bookingId" INTEGER,

    PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Booking" (
    "id" SERIAL NOT NULL,
    "uid" TEXT NOT NULL,
    "userId" INTEGER,
    "eventTypeId" INTEGER,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "startTime" TIMESTAMP(3) NOT NULL,
    "endTime" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3),

    PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "Attendee" ADD FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD FOREIGN KEY ("eventTypeId") REFERENCES "EventType"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingReference" ADD FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20210606013704_made_booking_uid_unique
/*
  Warnings:

  - A unique constraint covering the columns `[uid]` on the table `Booking` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateIndex
CREATE UNIQUE INDEX "Booking.uid_unique" ON "Booking"("uid");

;

-- ===== packages/prisma/migrations/20210613133618_add_team_membership_verification
-- CreateEnum
CREATE TYPE "MembershipRole" AS ENUM ('MEMBER', 'OWNER');

-- CreateTable
CREATE TABLE "Team" (
    "id" SERIAL NOT NULL,
    "name" TEXT,

    PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "teamId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "accepted" BOOLEAN NOT NULL DEFAULT false,
    "role" "MembershipRole" NOT NULL,

    PRIMARY KEY ("userId","teamId")
);

-- AddForeignKey
ALTER TABLE "Membership" ADD FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20210615140247_added_selected_calendar
-- CreateTable
CREATE TABLE "SelectedCalendar" (
    "userId" INTEGER NOT NULL,
    "integration" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,

    PRIMARY KEY ("userId","integration","externalId")
);

-- AddForeignKey
ALTER TABLE "SelectedCalendar" ADD FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20210615142134_added_custom_event_name
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "eventName" TEXT;

;

-- ===== packages/prisma/migrations/20210615153546_added_buffer_time
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "bufferTime" INTEGER NOT NULL DEFAULT 0;

;

-- ===== packages/prisma/migrations/20210615153759_add_email_verification_column
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "emailVerified" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "VerificationRequest" (
    "id" SERIAL NOT NULL,
    "identifier" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VerificationRequest.token_unique" ON "VerificationRequest"("token");

-- CreateIndex
CREATE UNIQUE INDEX "VerificationRequest.identifier_token_unique" ON "VerificationRequest"("identifier", "token");

;

-- ===== packages/prisma/migrations/20210618140954_added_event_type_custom
-- CreateTable
CREATE TABLE "EventTypeCustomInput" (
    "id" SERIAL NOT NULL,
    "eventTypeId" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "required" BOOLEAN NOT NULL,

    PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "EventTypeCustomInput" ADD FOREIGN KEY ("eventTypeId") REFERENCES "EventType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20210628153550_password_reset_request
-- CreateTable
CREATE TABLE "ResetPasswordRequest" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "email" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL,

    PRIMARY KEY ("id")
);

;

-- ===== packages/prisma/migrations/20210629160507_hide_branding
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "hideBranding" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20210630014738_schedule_availability
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "timeZone" TEXT;

-- CreateTable
CREATE TABLE "Availability" (
    "id" SERIAL NOT NULL,
    "label" TEXT,
    "userId" INTEGER,
    "eventTypeId" INTEGER,
    "days" INTEGER[],
    "startTime" INTEGER NOT NULL,
    "endTime" INTEGER NOT NULL,
    "date" DATE,

    PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "Availability" ADD FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Availability" ADD FOREIGN KEY ("eventTypeId") REFERENCES "EventType"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20210709231256_add_user_theme
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "theme" TEXT;

;

-- ===== packages/prisma/migrations/20210714151216_event_type_period_settings
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "periodCountCalendarDays" BOOLEAN,
ADD COLUMN     "periodDays" INTEGER,
ADD COLUMN     "periodEndDate" TIMESTAMP(3),
ADD COLUMN     "periodStartDate" TIMESTAMP(3),
ADD COLUMN     "periodType" TEXT DEFAULT E'unlimited';

;

-- ===== packages/prisma/migrations/20210717120159_booking_confirmation
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "confirmed" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "rejected" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "requiresConfirmation" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20210718184017_reminder_mails
-- CreateEnum
CREATE TYPE "ReminderType" AS ENUM ('PENDING_BOOKING_CONFIRMATION');

-- CreateTable
CREATE TABLE "ReminderMail" (
    "id" SERIAL NOT NULL,
    "referenceId" INTEGER NOT NULL,
    "reminderType" "ReminderType" NOT NULL,
    "elapsedMinutes" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("id")
);

;

-- ===== packages/prisma/migrations/20210722225431_minimum_booking_notice
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "minimumBookingNotice" INTEGER NOT NULL DEFAULT 120;

;

-- ===== packages/prisma/migrations/20210725123357_add_location_to_booking
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "location" TEXT;

;

-- ===== packages/prisma/migrations/20210813142905_event_payment
-- CreateEnum
CREATE TYPE "PaymentType" AS ENUM ('STRIPE');

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "paid" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "currency" TEXT NOT NULL DEFAULT E'usd',
ADD COLUMN     "price" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Payment" (
    "id" SERIAL NOT NULL,
    "uid" TEXT NOT NULL,
    "type" "PaymentType" NOT NULL,
    "bookingId" INTEGER NOT NULL,
    "amount" INTEGER NOT NULL,
    "fee" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "success" BOOLEAN NOT NULL,
    "refunded" BOOLEAN NOT NULL,
    "data" JSONB NOT NULL,
    "externalId" TEXT NOT NULL,

    PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Payment.uid_unique" ON "Payment"("uid");

-- CreateIndex
CREATE UNIQUE INDEX "Payment.externalId_unique" ON "Payment"("externalId");

-- AddForeignKey
ALTER TABLE "Payment" ADD FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20210813194355_add_slug_to_team
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "slug" TEXT;

;

-- ===== packages/prisma/migrations/20210814175645_custom_inputs_type_enum

-- CreateEnum
CREATE TYPE "EventTypeCustomInputType" AS ENUM ('text', 'textLong', 'number', 'bool');

--- AlterTable
ALTER TABLE "EventTypeCustomInput" RENAME COLUMN "type" TO "type_old";
ALTER TABLE "EventTypeCustomInput" ADD COLUMN "type" "EventTypeCustomInputType";

-- UpdateTable
UPDATE "EventTypeCustomInput" SET "type" = CAST( "type_old" AS "EventTypeCustomInputType" );

-- AlterTable
ALTER TABLE "EventTypeCustomInput" ALTER COLUMN "type" SET NOT NULL;
ALTER TABLE "EventTypeCustomInput" DROP COLUMN "type_old";

;

-- ===== packages/prisma/migrations/20210820130519_add_placeholder_to_custom_event_types
-- AlterTable
ALTER TABLE "EventTypeCustomInput" ADD COLUMN     "placeholder" TEXT NOT NULL DEFAULT E'';

;

-- ===== packages/prisma/migrations/20210824054220_add_bio_branding_logo_to_team
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "bio" TEXT,
ADD COLUMN     "hideBranding" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "logo" TEXT;

;

-- ===== packages/prisma/migrations/20210825004801_schedule_schema
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "completedOnboarding" BOOLEAN DEFAULT false;

-- CreateTable
CREATE TABLE "Schedule" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER,
    "eventTypeId" INTEGER,
    "title" TEXT,
    "freeBusyTimes" JSONB,

    PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "Schedule" ADD FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD FOREIGN KEY ("eventTypeId") REFERENCES "EventType"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20210830064354_add_unique_to_team_slug
/*
  Warnings:

  - A unique constraint covering the columns `[slug]` on the table `Team` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateIndex
CREATE UNIQUE INDEX "Team.slug_unique" ON "Team"("slug");
;

-- ===== packages/prisma/migrations/20210902112455_event_type_unique_user_id_slug
/*
  Warnings:

  - A unique constraint covering the columns `[userId,slug]` on the table `EventType` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateIndex
CREATE UNIQUE INDEX "EventType.userId_slug_unique" ON "EventType"("userId", "slug");

;

-- ===== packages/prisma/migrations/20210902121313_user_plan
-- CreateEnum
CREATE TYPE "UserPlan" AS ENUM ('FREE', 'TRIAL', 'PRO');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "plan" "UserPlan" NOT NULL DEFAULT E'PRO';

;

-- ===== packages/prisma/migrations/20210902125945_user_username_unique
/*
  Warnings:

  - A unique constraint covering the columns `[username]` on the table `users` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateIndex
CREATE UNIQUE INDEX "users.username_unique" ON "users"("username");

;

-- ===== packages/prisma/migrations/20210904162403_add_booking_status_enum
-- CreateEnum
CREATE TYPE "BookingStatus" AS ENUM ('cancelled', 'accepted', 'rejected', 'pending');

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "status" "BookingStatus" NOT NULL DEFAULT E'accepted';

;

-- ===== packages/prisma/migrations/20210908042159_teams_feature
-- CreateEnum
CREATE TYPE "SchedulingType" AS ENUM ('roundRobin', 'collective');

-- DropForeignKey
ALTER TABLE "EventType" DROP CONSTRAINT "EventType_userId_fkey";

-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "schedulingType" "SchedulingType",
ADD COLUMN     "teamId" INTEGER;

-- CreateTable
CREATE TABLE "_user_eventtype" (
    "A" INTEGER NOT NULL,
    "B" INTEGER NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "_user_eventtype_AB_unique" ON "_user_eventtype"("A", "B");

-- CreateIndex
CREATE INDEX "_user_eventtype_B_index" ON "_user_eventtype"("B");

-- AddForeignKey
ALTER TABLE "EventType" ADD FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_user_eventtype" ADD FOREIGN KEY ("A") REFERENCES "EventType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_user_eventtype" ADD FOREIGN KEY ("B") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20210908220336_add_daily_data_table
-- CreateTable
CREATE TABLE "DailyEventReference" (
    "id" SERIAL NOT NULL,
    "dailyurl" TEXT NOT NULL DEFAULT E'dailycallurl',
    "dailytoken" TEXT NOT NULL DEFAULT E'dailytoken',
    "bookingId" INTEGER,

    PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DailyEventReference_bookingId_unique" ON "DailyEventReference"("bookingId");

-- AddForeignKey
ALTER TABLE "DailyEventReference" ADD FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20210908235519_undo_unique_user_id_slug
-- DropIndex
DROP INDEX "EventType.userId_slug_unique";

;

-- ===== packages/prisma/migrations/20210913211650_add_meeting_info
-- AlterTable
ALTER TABLE "BookingReference" ADD COLUMN     "meetingId" TEXT,
ADD COLUMN     "meetingPassword" TEXT,
ADD COLUMN     "meetingUrl" TEXT;

;

-- ===== packages/prisma/migrations/20210918013258_add_two_factor_fields
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "twoFactorEnabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "twoFactorSecret" TEXT;

;

-- ===== packages/prisma/migrations/20210918152354_user_id_slug_fix
/*
  Warnings:

  - A unique constraint covering the columns `[userId,slug]` on the table `EventType` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateIndex
CREATE UNIQUE INDEX "EventType.userId_slug_unique" ON "EventType"("userId", "slug");

;

-- ===== packages/prisma/migrations/20210919174415_add_user_locale
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "locale" TEXT;

;

-- ===== packages/prisma/migrations/20210922004424_add_disable_guests_to_event_type
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "disableGuests" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20211004231654_add_webhook_model
-- CreateEnum
CREATE TYPE "WebhookTriggerEvents" AS ENUM ('BOOKING_CREATED', 'BOOKING_RESCHEDULED', 'BOOKING_CANCELLED');

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "subscriberUrl" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "eventTriggers" "WebhookTriggerEvents"[],

    PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Webhook.id_unique" ON "Webhook"("id");

;

-- ===== packages/prisma/migrations/20211011152041_non_optionals
/*
  Warnings:

  - Made the column `periodType` on table `EventType` required. This step will fail if there are existing NULL values in that column.
  - Made the column `email` on table `users` required. This step will fail if there are existing NULL values in that column.
  - Made the column `weekStart` on table `users` required. This step will fail if there are existing NULL values in that column.
  - Made the column `completedOnboarding` on table `users` required. This step will fail if there are existing NULL values in that column.

*/
-- AlterTable
ALTER TABLE "EventType" ALTER COLUMN "periodType" SET NOT NULL;

-- AlterTable
ALTER TABLE "users" ALTER COLUMN "email" SET NOT NULL,
ALTER COLUMN "weekStart" SET NOT NULL,
ALTER COLUMN "completedOnboarding" SET NOT NULL;

;

-- ===== packages/prisma/migrations/20211028233838_add_user_webhooks_relation
-- AddForeignKey
ALTER TABLE "Webhook" ADD FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20211101151249_update_rejected_bookings
UPDATE "Booking" SET "status" = 'rejected' WHERE "rejected" = TRUE;

;

-- ===== packages/prisma/migrations/20211105200545_availability_start_and_end_time_as_time
-- This is an empty migration.

ALTER TABLE "Availability" RENAME COLUMN "startTime" to "old_startTime";
ALTER TABLE "Availability" RENAME COLUMN "endTime" to "old_endTime";
ALTER TABLE "Availability" ADD COLUMN "startTime" TIME;
ALTER TABLE "Availability" ADD COLUMN "endTime" TIME;

UPDATE "Availability" SET "startTime" = CAST(CONCAT(CAST(("old_startTime" / 60) AS text), ':00') AS time);
UPDATE "Availability" SET "endTime" = CAST(CONCAT(CAST(("old_endTime" / 60) AS text), ':00') AS time);

ALTER TABLE "Availability" DROP COLUMN "old_startTime";
ALTER TABLE "Availability" DROP COLUMN "old_endTime";
ALTER TABLE "Availability" ALTER COLUMN "startTime" SET NOT NULL;
ALTER TABLE "Availability" ALTER COLUMN "endTime" SET NOT NULL;
;

-- ===== packages/prisma/migrations/20211106121119_add_event_type_position
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;

;

-- ===== packages/prisma/migrations/20211110063531_add_custom_brand_color
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "brandColor" TEXT NOT NULL DEFAULT E'#292929';
UPDATE "users" SET "brandColor" = '#292929';

;

-- ===== packages/prisma/migrations/20211110142845_add_identity_provider_columns
-- CreateEnum
CREATE TYPE "IdentityProvider" AS ENUM ('CAL', 'GOOGLE');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "identityProvider" "IdentityProvider" NOT NULL DEFAULT E'CAL',
ADD COLUMN     "identityProviderId" TEXT;

;

-- ===== packages/prisma/migrations/20211111013358_period_type_enum
/*
  Warnings:

  - The `periodType` column on the `EventType` table would be dropped and recreated. This will lead to data loss if there is data in the column.

*/
-- CreateEnum
CREATE TYPE "PeriodType" AS ENUM ('unlimited', 'rolling', 'range');

-- AlterTable

ALTER TABLE "EventType" RENAME COLUMN "periodType" to "old_periodType";
ALTER TABLE "EventType" ADD COLUMN "periodType" "PeriodType" NOT NULL DEFAULT E'unlimited';

UPDATE "EventType" SET "periodType" = "old_periodType"::"PeriodType";
ALTER TABLE "EventType" DROP COLUMN "old_periodType";
;

-- ===== packages/prisma/migrations/20211112145539_add_saml_login
-- add the new value to the existing type
ALTER TYPE "IdentityProvider" ADD VALUE 'SAML';

;

-- ===== packages/prisma/migrations/20211115182559_availability_issue

insert into "Availability" ("userId", "startTime", "endTime", "days")
select
  id as "userId", 
  CAST(CONCAT(CAST(("startTime") AS text), ' minute')::interval AS time) as "startTime",
  CAST(CONCAT(CAST(("endTime") AS text), ' minute')::interval AS time) as "endTime",
  ARRAY [0,1,2,3,4,5,6]
from
  (
    select 
      users.id, 
      users."startTime", 
      users."endTime", 
      users."timeZone",
      count("Availability".id) as availability_count
    from users 
    left join "Availability" on "Availability"."userId" = users.id
    group by users.id
  ) usersWithAvailabilityNumber
where availability_count < 1

;

-- ===== packages/prisma/migrations/20211120211639_add_payload_template
-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "payloadTemplate" TEXT;

;

-- ===== packages/prisma/migrations/20211207010154_add_destination_calendar
-- CreateTable
CREATE TABLE "DestinationCalendar" (
    "id" SERIAL NOT NULL,
    "integration" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "userId" INTEGER,
    "bookingId" INTEGER,
    "eventTypeId" INTEGER,

    PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DestinationCalendar.userId_unique" ON "DestinationCalendar"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "DestinationCalendar.bookingId_unique" ON "DestinationCalendar"("bookingId");

-- CreateIndex
CREATE UNIQUE INDEX "DestinationCalendar.eventTypeId_unique" ON "DestinationCalendar"("eventTypeId");

-- AddForeignKey
ALTER TABLE "DestinationCalendar" ADD FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DestinationCalendar" ADD FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DestinationCalendar" ADD FOREIGN KEY ("eventTypeId") REFERENCES "EventType"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20211209201138_membership_admin_role
-- AlterEnum
ALTER TYPE "MembershipRole" ADD VALUE 'ADMIN';

;

-- ===== packages/prisma/migrations/20211210182230_add_invited_to
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "invitedTo" INTEGER;

;

-- ===== packages/prisma/migrations/20211217201940_upgrade_to_v3
-- DropForeignKey
ALTER TABLE "EventTypeCustomInput" DROP CONSTRAINT "EventTypeCustomInput_eventTypeId_fkey";

-- DropForeignKey
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_teamId_fkey";

-- DropForeignKey
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_userId_fkey";

-- DropForeignKey
ALTER TABLE "Payment" DROP CONSTRAINT "Payment_bookingId_fkey";

-- DropForeignKey
ALTER TABLE "SelectedCalendar" DROP CONSTRAINT "SelectedCalendar_userId_fkey";

-- DropForeignKey
ALTER TABLE "Webhook" DROP CONSTRAINT "Webhook_userId_fkey";

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelectedCalendar" ADD CONSTRAINT "SelectedCalendar_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventTypeCustomInput" ADD CONSTRAINT "EventTypeCustomInput_eventTypeId_fkey" FOREIGN KEY ("eventTypeId") REFERENCES "EventType"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- RenameIndex
ALTER INDEX "Booking.uid_unique" RENAME TO "Booking_uid_key";

-- RenameIndex
ALTER INDEX "DestinationCalendar.bookingId_unique" RENAME TO "DestinationCalendar_bookingId_key";

-- RenameIndex
ALTER INDEX "DestinationCalendar.eventTypeId_unique" RENAME TO "DestinationCalendar_eventTypeId_key";

-- RenameIndex
ALTER INDEX "DestinationCalendar.userId_unique" RENAME TO "DestinationCalendar_userId_key";

-- RenameIndex
ALTER INDEX "EventType.userId_slug_unique" RENAME TO "EventType_userId_slug_key";

-- RenameIndex
ALTER INDEX "Payment.externalId_unique" RENAME TO "Payment_externalId_key";

-- RenameIndex
ALTER INDEX "Payment.uid_unique" RENAME TO "Payment_uid_key";

-- RenameIndex
ALTER INDEX "Team.slug_unique" RENAME TO "Team_slug_key";

-- RenameIndex
ALTER INDEX "VerificationRequest.identifier_token_unique" RENAME TO "VerificationRequest_identifier_token_key";

-- RenameIndex
ALTER INDEX "VerificationRequest.token_unique" RENAME TO "VerificationRequest_token_key";

-- RenameIndex
ALTER INDEX "Webhook.id_unique" RENAME TO "Webhook_id_key";

-- RenameIndex
ALTER INDEX "users.email_unique" RENAME TO "users_email_key";

-- RenameIndex
ALTER INDEX "users.username_unique" RENAME TO "users_username_key";

;

-- ===== packages/prisma/migrations/20211217215952_added_slot_interval_to_event_type
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "slotInterval" INTEGER;

;

-- ===== packages/prisma/migrations/20211220192703_email_to_lowercase
-- UpdateTable
UPDATE users SET email=LOWER(email);

;

-- ===== packages/prisma/migrations/20211222174947_placeholder
-- RenameIndex
ALTER INDEX "Booking_uid_key" RENAME TO "Booking.uid_unique";

-- RenameIndex
ALTER INDEX "DestinationCalendar_bookingId_key" RENAME TO "DestinationCalendar.bookingId_unique";

-- RenameIndex
ALTER INDEX "DestinationCalendar_eventTypeId_key" RENAME TO "DestinationCalendar.eventTypeId_unique";

-- RenameIndex
ALTER INDEX "DestinationCalendar_userId_key" RENAME TO "DestinationCalendar.userId_unique";

-- RenameIndex
ALTER INDEX "EventType_userId_slug_key" RENAME TO "EventType.userId_slug_unique";

-- RenameIndex
ALTER INDEX "Payment_externalId_key" RENAME TO "Payment.externalId_unique";

-- RenameIndex
ALTER INDEX "Payment_uid_key" RENAME TO "Payment.uid_unique";

-- RenameIndex
ALTER INDEX "Team_slug_key" RENAME TO "Team.slug_unique";

-- RenameIndex
ALTER INDEX "VerificationRequest_identifier_token_key" RENAME TO "VerificationRequest.identifier_token_unique";

-- RenameIndex
ALTER INDEX "VerificationRequest_token_key" RENAME TO "VerificationRequest.token_unique";

-- RenameIndex
ALTER INDEX "Webhook_id_key" RENAME TO "Webhook.id_unique";

-- RenameIndex
ALTER INDEX "users_email_key" RENAME TO "users.email_unique";

-- RenameIndex
ALTER INDEX "users_username_key" RENAME TO "users.username_unique";

;

-- ===== packages/prisma/migrations/20211222181246_add_sc_address
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "scAddress" TEXT;

;

-- ===== packages/prisma/migrations/20211228004752_adds_user_metadata
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "metadata" JSONB;

;

-- ===== packages/prisma/migrations/20211231142312_add_user_on_delete_cascade
-- DropForeignKey
ALTER TABLE "Availability" DROP CONSTRAINT "Availability_userId_fkey";

-- DropForeignKey
ALTER TABLE "Credential" DROP CONSTRAINT "Credential_userId_fkey";

-- DropForeignKey
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_userId_fkey";

-- DropForeignKey
ALTER TABLE "Schedule" DROP CONSTRAINT "Schedule_userId_fkey";

-- DropForeignKey
ALTER TABLE "SelectedCalendar" DROP CONSTRAINT "SelectedCalendar_userId_fkey";

-- DropForeignKey
ALTER TABLE "Webhook" DROP CONSTRAINT "Webhook_userId_fkey";

-- AddForeignKey
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Availability" ADD CONSTRAINT "Availability_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelectedCalendar" ADD CONSTRAINT "SelectedCalendar_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220105104913_add_away_field
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "away" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20220113145333_rename_column_sc_address_to_smart_contract_address
-- AlterTable
ALTER TABLE "EventType" DROP COLUMN "scAddress",
ADD COLUMN     "smartContractAddress" TEXT;
;

-- ===== packages/prisma/migrations/20220117193242_trial_users_by_default
-- AlterTable
ALTER TABLE "users" ALTER COLUMN "plan" SET DEFAULT E'TRIAL';

;

-- ===== packages/prisma/migrations/20220121210720_add_cancellation_reason
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "cancellationReason" TEXT;

;

-- ===== packages/prisma/migrations/20220125035907_add_attendee_locale
-- AlterTable
ALTER TABLE "Attendee" ADD COLUMN     "locale" TEXT DEFAULT E'en';

;

-- ===== packages/prisma/migrations/20220131170110_add_metadata_column_to_event_type
ALTER TABLE "EventType" ADD COLUMN     "metadata" JSONB;

;

-- ===== packages/prisma/migrations/20220205135022_add_verified_column
/*
  Warnings:

  - You are about to drop the column `smartContractAddress` on the `EventType` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "EventType" DROP COLUMN IF EXISTS "smartContractAddress";

-- AlterTable
ALTER TABLE "users" ADD COLUMN "verified" BOOLEAN DEFAULT false;

;

-- ===== packages/prisma/migrations/20220209082843_add_rejection_reason
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "rejectionReason" TEXT;
;

-- ===== packages/prisma/migrations/20220217093836_add_webhook_for_event
-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "eventTypeId" INTEGER,
ALTER COLUMN "userId" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_eventTypeId_fkey" FOREIGN KEY ("eventTypeId") REFERENCES "EventType"("id") ON DELETE CASCADE ON UPDATE CASCADE;
;

-- ===== packages/prisma/migrations/20220228122419_add_time_format
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "timeFormat" INTEGER DEFAULT 12;
;

-- ===== packages/prisma/migrations/20220302035831_add_before_and_after_event_buffer
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "afterEventBuffer" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "beforeEventBuffer" INTEGER NOT NULL DEFAULT 0;
;

-- ===== packages/prisma/migrations/20220302110201_add_dark_mode_brand_color
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "darkBrandColor" TEXT NOT NULL DEFAULT E'#fafafa';
;

-- ===== packages/prisma/migrations/20220303171305_adds_user_trial_ends_at
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "trialEndsAt" TIMESTAMP(3);

;

-- ===== packages/prisma/migrations/20220305233635_availability_schedules
/*
  Warnings:

  - You are about to drop the column `label` on the `Availability` table. All the data in the column will be lost.
  - You are about to drop the column `freeBusyTimes` on the `Schedule` table. All the data in the column will be lost.
  - You are about to drop the column `title` on the `Schedule` table. All the data in the column will be lost.
  - A unique constraint covering the columns `[eventTypeId]` on the table `Schedule` will be added. If there are existing duplicate values, this will fail.
  - Added the required column `name` to the `Schedule` table without a default value. This is not possible if the table is not empty.
  - Made the column `userId` on table `Schedule` required. This step will fail if there are existing NULL values in that column.

*/
-- AlterTable
ALTER TABLE "Availability" DROP COLUMN "label",
ADD COLUMN     "scheduleId" INTEGER;

-- AlterTable
ALTER TABLE "Schedule" DROP COLUMN "freeBusyTimes",
DROP COLUMN "title",
ADD COLUMN     "name" TEXT NOT NULL,
ADD COLUMN     "timeZone" TEXT,
ALTER COLUMN "userId" SET NOT NULL;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "defaultScheduleId" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "Schedule_eventTypeId_key" ON "Schedule"("eventTypeId");

-- AddForeignKey
ALTER TABLE "Availability" ADD CONSTRAINT "Availability_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "Schedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220305233635_rename_indexes
-- RenameIndex
ALTER INDEX "Booking.uid_unique" RENAME TO "Booking_uid_key";

-- RenameIndex
ALTER INDEX "DailyEventReference_bookingId_unique" RENAME TO "DailyEventReference_bookingId_key";

-- RenameIndex
ALTER INDEX "DestinationCalendar.bookingId_unique" RENAME TO "DestinationCalendar_bookingId_key";

-- RenameIndex
ALTER INDEX "DestinationCalendar.eventTypeId_unique" RENAME TO "DestinationCalendar_eventTypeId_key";

-- RenameIndex
ALTER INDEX "DestinationCalendar.userId_unique" RENAME TO "DestinationCalendar_userId_key";

-- RenameIndex
ALTER INDEX "EventType.userId_slug_unique" RENAME TO "EventType_userId_slug_key";

-- RenameIndex
ALTER INDEX "Payment.externalId_unique" RENAME TO "Payment_externalId_key";

-- RenameIndex
ALTER INDEX "Payment.uid_unique" RENAME TO "Payment_uid_key";

-- RenameIndex
ALTER INDEX "Team.slug_unique" RENAME TO "Team_slug_key";

-- RenameIndex
ALTER INDEX "Webhook.id_unique" RENAME TO "Webhook_id_key";

-- RenameIndex
ALTER INDEX "users.email_unique" RENAME TO "users_email_key";

-- RenameIndex
ALTER INDEX "users.username_unique" RENAME TO "users_username_key";

;

-- ===== packages/prisma/migrations/20220306010113_renames_verification_request_to_verification_token
ALTER TABLE IF EXISTS "VerificationRequest" RENAME TO "VerificationToken";

-- RenameIndex
ALTER INDEX IF EXISTS "VerificationRequest_pkey" RENAME TO "VerificationToken_pkey";

-- RenameIndex
ALTER INDEX  IF EXISTS "VerificationRequest_token_key" RENAME TO "VerificationToken_token_key";

-- RenameIndex
ALTER INDEX IF EXISTS "VerificationRequest_identifier_token_key" RENAME TO "VerificationToken_identifier_token_key";

;

-- ===== packages/prisma/migrations/20220323033335_reschedule_fields_to_bookings_table
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "fromReschedule" TEXT,
ADD COLUMN     "rescheduled" BOOLEAN;
;

-- ===== packages/prisma/migrations/20220323162642_events_hide_notes
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "hideCalendarNotes" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20220328185001_soft_delete_booking_references
-- AlterTable
ALTER TABLE "BookingReference" ADD COLUMN     "deleted" BOOLEAN;

;

-- ===== packages/prisma/migrations/20220330071743_add_dynamic_group_booking
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "dynamicEventSlugRef" TEXT;

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "dynamicGroupSlugRef" TEXT;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "allowDynamicBooking" BOOLEAN DEFAULT true;
;

-- ===== packages/prisma/migrations/20220404132522_redirect_url
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "successRedirectUrl" TEXT;

;

-- ===== packages/prisma/migrations/20220409155714_impersonate_users
-- CreateEnum
CREATE TYPE "UserPermissionRole" AS ENUM ('USER', 'ADMIN');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "role" "UserPermissionRole" NOT NULL DEFAULT E'USER';

-- CreateTable
CREATE TABLE "Impersonations" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "impersonatedUserId" INTEGER NOT NULL,
    "impersonatedById" INTEGER NOT NULL,

    CONSTRAINT "Impersonations_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "Impersonations" ADD CONSTRAINT "Impersonations_impersonatedUserId_fkey" FOREIGN KEY ("impersonatedUserId") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Impersonations" ADD CONSTRAINT "Impersonations_impersonatedById_fkey" FOREIGN KEY ("impersonatedById") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220409195425_index_event_types_team_id_slug
/*
  Warnings:

  - A unique constraint covering the columns `[teamId,slug]` on the table `EventType` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateIndex
CREATE UNIQUE INDEX "EventType_teamId_slug_key" ON "EventType"("teamId", "slug");


;

-- ===== packages/prisma/migrations/20220412172742_payment_on_delete_cascade
-- DropForeignKey
ALTER TABLE "Payment" DROP CONSTRAINT "Payment_bookingId_fkey";

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220413002425_adds_api_keys
-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "hashedKey" TEXT NOT NULL,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_id_key" ON "ApiKey"("id");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hashedKey_key" ON "ApiKey"("hashedKey");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220413173832_add_seats_to_event_type_model
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "seatsPerTimeSlot" INTEGER;


;

-- ===== packages/prisma/migrations/20220420152505_add_hashed_event_url
-- DropForeignKey
ALTER TABLE "BookingReference" DROP CONSTRAINT "BookingReference_bookingId_fkey";

-- CreateTable
CREATE TABLE "HashedLink" (
    "id" SERIAL NOT NULL,
    "link" TEXT NOT NULL,
    "eventTypeId" INTEGER NOT NULL,

    CONSTRAINT "HashedLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "HashedLink_link_key" ON "HashedLink"("link");

-- CreateIndex
CREATE UNIQUE INDEX "HashedLink_eventTypeId_key" ON "HashedLink"("eventTypeId");

-- AddForeignKey
ALTER TABLE "BookingReference" ADD CONSTRAINT "BookingReference_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HashedLink" ADD CONSTRAINT "HashedLink_eventTypeId_fkey" FOREIGN KEY ("eventTypeId") REFERENCES "EventType"("id") ON DELETE CASCADE ON UPDATE CASCADE;
;

-- ===== packages/prisma/migrations/20220420230104_update_booking_id_constrain
-- DropForeignKey
ALTER TABLE "BookingReference" DROP CONSTRAINT "BookingReference_bookingId_fkey";

-- AddForeignKey
ALTER TABLE "BookingReference" ADD CONSTRAINT "BookingReference_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220420230105_rename_verification_token_unique_id
-- RenameIndex
ALTER INDEX IF EXISTS "VerificationRequest.identifier_token_unique" RENAME TO "VerificationToken_identifier_token_key";

-- RenameIndex
ALTER INDEX IF EXISTS "VerificationRequest.token_unique" RENAME TO "VerificationToken_token_key";

;

-- ===== packages/prisma/migrations/20220423022403_recurring_event
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "recurringEventId" TEXT;

-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "recurringEvent" JSONB;

;

-- ===== packages/prisma/migrations/20220423175732_added_next_auth_models
-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "providerAccountId" TEXT NOT NULL,
    "refresh_token" TEXT,
    "access_token" TEXT,
    "expires_at" INTEGER,
    "token_type" TEXT,
    "scope" TEXT,
    "id_token" TEXT,
    "session_state" TEXT,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "sessionToken" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Account_provider_providerAccountId_key" ON "Account"("provider", "providerAccountId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_sessionToken_key" ON "Session"("sessionToken");

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220502154345_adds_apps
-- CreateEnum
CREATE TYPE "AppCategories" AS ENUM ('calendar', 'messaging', 'other', 'payment', 'video', 'web3');

-- AlterTable
ALTER TABLE "Credential" ADD COLUMN     "appId" TEXT;

-- CreateTable
CREATE TABLE "App" (
    "slug" TEXT NOT NULL,
    "dirName" TEXT NOT NULL,
    "keys" JSONB,
    "categories" "AppCategories"[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "App_pkey" PRIMARY KEY ("slug")
);

-- CreateIndex
CREATE UNIQUE INDEX "App_slug_key" ON "App"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "App_dirName_key" ON "App"("dirName");

-- AddForeignKey
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("slug") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220503183922_add_external_calendar_id_to_booking_reference
-- AlterTable
ALTER TABLE "BookingReference" ADD COLUMN     "externalCalendarId" TEXT;

;

-- ===== packages/prisma/migrations/20220503194835_adds_app_relation_to_webhook_and_api_keys
-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "appId" TEXT;

-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "appId" TEXT;

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("slug") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("slug") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220511095513_add_custom_inputs_to_booking
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "customInputs" JSONB;

;

-- ===== packages/prisma/migrations/20220513151152_adds_feedback_table
-- CreateTable
CREATE TABLE "Feedback" (
    "id" SERIAL NOT NULL,
    "date" TIMESTAMP(3) NOT NULL,
    "userId" INTEGER NOT NULL,
    "rating" TEXT NOT NULL,
    "comment" TEXT,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

;

-- ===== packages/prisma/migrations/20220518201335_add_user_relationship_to_feedback
-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220525110759_add_user_impersonation_toggle
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "disableImpersonation" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20220525182228_cal_video_preinstalled
insert into "App" ("slug", "dirName", "updatedAt", "categories") 
values ('daily-video', 'dailyvideo', CURRENT_TIMESTAMP, '{video}') 
on conflict do nothing
;

-- ===== packages/prisma/migrations/20220526151550_cascades_impersonations_on_user_delete
-- DropForeignKey
ALTER TABLE "Impersonations" DROP CONSTRAINT "Impersonations_impersonatedById_fkey";

-- DropForeignKey
ALTER TABLE "Impersonations" DROP CONSTRAINT "Impersonations_impersonatedUserId_fkey";

-- AddForeignKey
ALTER TABLE "Impersonations" ADD CONSTRAINT "Impersonations_impersonatedUserId_fkey" FOREIGN KEY ("impersonatedUserId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Impersonations" ADD CONSTRAINT "Impersonations_impersonatedById_fkey" FOREIGN KEY ("impersonatedById") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220604144700_fixes_booking_status
-- Set BookingStatus.PENDING
UPDATE "Booking" SET "status" = 'pending' WHERE "confirmed" = false AND "rejected" = false AND "rescheduled" IS NOT true;

-- Set BookingStatus.REJECTED
UPDATE "Booking" SET "status" = 'rejected' WHERE "confirmed" = false AND "rejected" = true AND "rescheduled" IS NOT true;

-- Set BookingStatus.CANCELLED
UPDATE "Booking" SET "status" = 'cancelled' WHERE "confirmed" = false AND "rejected" = false AND "rescheduled" IS true;

-- Set BookingStatus.ACCEPTED
UPDATE "Booking" SET "status" = 'accepted' WHERE "confirmed" = true AND "rejected" = false AND "rescheduled" IS NOT true;

;

-- ===== packages/prisma/migrations/20220604210102_removes_booking_confirmed_rejected
/*
  Warnings:

  - You are about to drop the column `confirmed` on the `Booking` table. All the data in the column will be lost.
  - You are about to drop the column `rejected` on the `Booking` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "Booking" DROP COLUMN "confirmed",
DROP COLUMN "rejected";

;

-- ===== packages/prisma/migrations/20220614090326_add_webhook_secret
-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "secret" TEXT;

;

-- ===== packages/prisma/migrations/20220616072241_app_routing_forms
-- CreateTable
CREATE TABLE "App_RoutingForms_Form" (
    "id" TEXT NOT NULL,
    "description" TEXT,
    "routes" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "name" TEXT NOT NULL,
    "fields" JSONB,
    "userId" INTEGER NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "App_RoutingForms_Form_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "App_RoutingForms_FormResponse" (
    "id" SERIAL NOT NULL,
    "formFillerId" TEXT NOT NULL,
    "formId" TEXT NOT NULL,
    "response" JSONB NOT NULL,

    CONSTRAINT "App_RoutingForms_FormResponse_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "App_RoutingForms_FormResponse_formFillerId_formId_key" ON "App_RoutingForms_FormResponse"("formFillerId", "formId");

-- AddForeignKey
ALTER TABLE "App_RoutingForms_Form" ADD CONSTRAINT "App_RoutingForms_Form_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "App_RoutingForms_FormResponse" ADD CONSTRAINT "App_RoutingForms_FormResponse_formId_fkey" FOREIGN KEY ("formId") REFERENCES "App_RoutingForms_Form"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220620181226_add_all_userid_to_users
INSERT INTO _user_eventtype ("A", "B")
SELECT id, "userId" from "EventType" 
LEFT JOIN _user_eventtype on ("A" = "EventType".id)
WHERE "A" IS NULL and "userId" IS NOT NULL;
;

-- ===== packages/prisma/migrations/20220622110735_allow_one_schedule_to_apply_to_multiple_event_types

-- DropForeignKey
ALTER TABLE "Schedule" DROP CONSTRAINT "Schedule_eventTypeId_fkey";

-- DropIndex
DROP INDEX "Schedule_eventTypeId_key";

-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "scheduleId" INTEGER;

UPDATE "EventType"
SET 
  "scheduleId" = subquery.id 
FROM (
  SELECT id, "eventTypeId" FROM "Schedule"
) AS subquery
WHERE
  "EventType".id = subquery."eventTypeId";

-- AlterTable
ALTER TABLE "Schedule" DROP COLUMN "eventTypeId";

-- AddForeignKey
ALTER TABLE "EventType" ADD CONSTRAINT "EventType_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "Schedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220628184929_adds_missing_owner_relationship
-- AddForeignKey
ALTER TABLE "EventType" ADD CONSTRAINT "EventType_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220628190334_adds_missing_oncascades
-- DropForeignKey
ALTER TABLE "DestinationCalendar" DROP CONSTRAINT IF EXISTS "DestinationCalendar_bookingId_fkey";

-- DropForeignKey
ALTER TABLE "DestinationCalendar" DROP CONSTRAINT "DestinationCalendar_eventTypeId_fkey";

-- DropForeignKey
ALTER TABLE "DestinationCalendar" DROP CONSTRAINT "DestinationCalendar_userId_fkey";

-- DropForeignKey
ALTER TABLE "EventType" DROP CONSTRAINT "EventType_teamId_fkey";

-- DropForeignKey
ALTER TABLE "EventType" DROP CONSTRAINT "EventType_userId_fkey";

-- DropForeignKey
ALTER TABLE "EventTypeCustomInput" DROP CONSTRAINT "EventTypeCustomInput_eventTypeId_fkey";

-- DropForeignKey
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_teamId_fkey";

-- AddForeignKey
ALTER TABLE "EventType" ADD CONSTRAINT "EventType_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventType" ADD CONSTRAINT "EventType_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DestinationCalendar" ADD CONSTRAINT "DestinationCalendar_eventTypeId_fkey" FOREIGN KEY ("eventTypeId") REFERENCES "EventType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DestinationCalendar" ADD CONSTRAINT "DestinationCalendar_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DestinationCalendar" ADD CONSTRAINT "DestinationCalendar_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventTypeCustomInput" ADD CONSTRAINT "EventTypeCustomInput_eventTypeId_fkey" FOREIGN KEY ("eventTypeId") REFERENCES "EventType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220628191702_adds_default_date_to_feedback
-- AlterTable
ALTER TABLE "Feedback" ALTER COLUMN "date" SET DEFAULT CURRENT_TIMESTAMP;

;

-- ===== packages/prisma/migrations/20220629151617_connect_destination_calendar_to_credential
-- AlterTable
ALTER TABLE "DestinationCalendar" ADD COLUMN     "credentialId" INTEGER;

-- AddForeignKey
ALTER TABLE "DestinationCalendar" ADD CONSTRAINT "DestinationCalendar_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220711182928_add_workflows
-- CreateEnum
CREATE TYPE "WorkflowTriggerEvents" AS ENUM ('BEFORE_EVENT', 'EVENT_CANCELLED', 'NEW_EVENT');

-- CreateEnum
CREATE TYPE "WorkflowActions" AS ENUM ('EMAIL_HOST', 'EMAIL_ATTENDEE', 'SMS_ATTENDEE', 'SMS_NUMBER');

-- CreateEnum
CREATE TYPE "TimeUnit" AS ENUM ('day', 'hour', 'minute');

-- CreateEnum
CREATE TYPE "WorkflowTemplates" AS ENUM ('REMINDER', 'CUSTOM');

-- CreateEnum
CREATE TYPE "WorkflowMethods" AS ENUM ('EMAIL', 'SMS');

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "smsReminderNumber" TEXT;

-- CreateTable
CREATE TABLE "WorkflowStep" (
    "id" SERIAL NOT NULL,
    "stepNumber" INTEGER NOT NULL,
    "action" "WorkflowActions" NOT NULL,
    "workflowId" INTEGER NOT NULL,
    "sendTo" TEXT,
    "reminderBody" TEXT,
    "emailSubject" TEXT,
    "template" "WorkflowTemplates" NOT NULL DEFAULT E'REMINDER',

    CONSTRAINT "WorkflowStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Workflow" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "trigger" "WorkflowTriggerEvents" NOT NULL,
    "time" INTEGER,
    "timeUnit" "TimeUnit",

    CONSTRAINT "Workflow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowsOnEventTypes" (
    "id" SERIAL NOT NULL,
    "workflowId" INTEGER NOT NULL,
    "eventTypeId" INTEGER NOT NULL,

    CONSTRAINT "WorkflowsOnEventTypes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkflowReminder" (
    "id" SERIAL NOT NULL,
    "bookingUid" TEXT NOT NULL,
    "method" "WorkflowMethods" NOT NULL,
    "scheduledDate" TIMESTAMP(3) NOT NULL,
    "referenceId" TEXT,
    "scheduled" BOOLEAN NOT NULL,
    "workflowStepId" INTEGER NOT NULL,

    CONSTRAINT "WorkflowReminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowReminder_referenceId_key" ON "WorkflowReminder"("referenceId");

-- AddForeignKey
ALTER TABLE "WorkflowStep" ADD CONSTRAINT "WorkflowStep_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Workflow" ADD CONSTRAINT "Workflow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowsOnEventTypes" ADD CONSTRAINT "WorkflowsOnEventTypes_eventTypeId_fkey" FOREIGN KEY ("eventTypeId") REFERENCES "EventType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowsOnEventTypes" ADD CONSTRAINT "WorkflowsOnEventTypes_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowReminder" ADD CONSTRAINT "WorkflowReminder_bookingUid_fkey" FOREIGN KEY ("bookingUid") REFERENCES "Booking"("uid") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowReminder" ADD CONSTRAINT "WorkflowReminder_workflowStepId_fkey" FOREIGN KEY ("workflowStepId") REFERENCES "WorkflowStep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220714175322_destination_calendar_one_to_many_bookings
/*
  Warnings:

  - You are about to drop the column `bookingId` on the `DestinationCalendar` table. All the data in the column will be lost.

*/
-- DropForeignKey
ALTER TABLE "DestinationCalendar" DROP CONSTRAINT IF EXISTS "DestinationCalendar_bookingId_fkey";

-- DropIndex
DROP INDEX "DestinationCalendar_bookingId_key";

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "destinationCalendarId" INTEGER;

-- AlterTable
ALTER TABLE "BookingReference" ADD COLUMN     "credentialId" INTEGER;

-- AlterTable
ALTER TABLE "DestinationCalendar" DROP COLUMN "bookingId";

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_destinationCalendarId_fkey" FOREIGN KEY ("destinationCalendarId") REFERENCES "DestinationCalendar"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220719110415_form_submitted_webhook
-- AlterEnum
ALTER TYPE "WebhookTriggerEvents" ADD VALUE 'FORM_SUBMITTED';

;

-- ===== packages/prisma/migrations/20220719144253_disabled_impersonation_teams
-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "disableImpersonation" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20220721183745_
-- DropForeignKey
ALTER TABLE "DestinationCalendar" DROP CONSTRAINT "DestinationCalendar_eventTypeId_fkey";

-- DropForeignKey
ALTER TABLE "DestinationCalendar" DROP CONSTRAINT "DestinationCalendar_userId_fkey";

-- AddForeignKey
ALTER TABLE "DestinationCalendar" ADD CONSTRAINT "DestinationCalendar_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DestinationCalendar" ADD CONSTRAINT "DestinationCalendar_eventTypeId_fkey" FOREIGN KEY ("eventTypeId") REFERENCES "EventType"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220723001233_
-- DropForeignKey
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_teamId_fkey";

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220728111440_add_created_at_form_response
-- AlterTable
ALTER TABLE "App_RoutingForms_FormResponse" ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

;

-- ===== packages/prisma/migrations/20220803090845_migrate_daily_event_reference_to_booking_reference
UPDATE "BookingReference"
SET "meetingUrl" = "dailyurl", "meetingPassword" = "dailytoken"
FROM "DailyEventReference"
WHERE "DailyEventReference"."bookingId" = "BookingReference"."bookingId" AND "BookingReference"."type" = 'daily_video'

;

-- ===== packages/prisma/migrations/20220803091114_drop_daily_event_reference
/*
  Warnings:

  - You are about to drop the `DailyEventReference` table. If the table is not empty, all the data it contains will be lost.

*/
-- DropForeignKey
ALTER TABLE "DailyEventReference" DROP CONSTRAINT "DailyEventReference_bookingId_fkey";

-- DropTable
DROP TABLE "DailyEventReference";

;

-- ===== packages/prisma/migrations/20220811132430_add_unique_index_to_webhook
/*
  Warnings:

  - A unique constraint covering the columns `[userId,subscriberUrl]` on the table `Webhook` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateIndex
CREATE UNIQUE INDEX "Webhook_userId_subscriberUrl_key" ON "Webhook"("userId", "subscriberUrl");

;

-- ===== packages/prisma/migrations/20220811234822_add_after_meeting_ends_trigger
-- AlterEnum
ALTER TYPE "WebhookTriggerEvents" ADD VALUE 'MEETING_ENDED';

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "scheduledJobs" TEXT[];

;

-- ===== packages/prisma/migrations/20220817201039_
-- DropForeignKey
ALTER TABLE "DestinationCalendar" DROP CONSTRAINT "DestinationCalendar_credentialId_fkey";

-- DropForeignKey
ALTER TABLE "DestinationCalendar" DROP CONSTRAINT "DestinationCalendar_eventTypeId_fkey";

-- DropForeignKey
ALTER TABLE "DestinationCalendar" DROP CONSTRAINT "DestinationCalendar_userId_fkey";

-- AddForeignKey
ALTER TABLE "DestinationCalendar" ADD CONSTRAINT "DestinationCalendar_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DestinationCalendar" ADD CONSTRAINT "DestinationCalendar_eventTypeId_fkey" FOREIGN KEY ("eventTypeId") REFERENCES "EventType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DestinationCalendar" ADD CONSTRAINT "DestinationCalendar_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20220827082641_reschedule_workflow_trigger_added
-- AlterEnum
ALTER TYPE "WorkflowTriggerEvents" ADD VALUE 'RESCHEDULE_EVENT';

;

-- ===== packages/prisma/migrations/20220912134714_add_automation_category
-- AlterEnum
ALTER TYPE "AppCategories" ADD VALUE 'automation';

;

-- ===== packages/prisma/migrations/20220913034937_move_n8n_zapier_to_automation_category
UPDATE "App" set categories='{automation}' where slug in ('n8n', 'zapier');
;

-- ===== packages/prisma/migrations/20220914215052_convert_pro_plan_to_free
UPDATE "users" SET "plan" = 'FREE' WHERE "plan" = 'PRO' OR "plan" = 'TRIAL';
ALTER TABLE "users" ALTER COLUMN "plan" SET DEFAULT 'FREE';

;

-- ===== packages/prisma/migrations/20220917042621_rename_routing_forms_slug
UPDATE "App" SET "slug" = 'routing-forms' WHERE "slug" = 'routing_forms';
UPDATE "App" SET "dirName" = 'routing-forms' WHERE "slug" = 'routing_forms';
;

-- ===== packages/prisma/migrations/20220917201512_revert_convert_pro_plan_to_free
-- AlterTable
-- Every user is PRO now, later this column will be deprecated.
UPDATE "users" SET "plan" = 'PRO';
ALTER TABLE "users" ALTER COLUMN "plan" SET DEFAULT 'PRO';

;

-- ===== packages/prisma/migrations/20220926105434_add_booking_limit
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "bookingLimits" JSONB;

;

-- ===== packages/prisma/migrations/20220929132137_add_seats_hide_attendees
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "seatsShowAttendees" BOOLEAN;

;

-- ===== packages/prisma/migrations/20221006044939_routing_form_type_migration
UPDATE "Credential" SET "type" = 'routing-forms_other' WHERE "type" = 'routing_forms_other';

;

-- ===== packages/prisma/migrations/20221006121954_add_after_event_ends_workflow_trigger
-- AlterEnum
ALTER TYPE "WorkflowTriggerEvents" ADD VALUE 'AFTER_EVENT';

;

-- ===== packages/prisma/migrations/20221006133952_add_analytics_category
-- AlterEnum
ALTER TYPE "AppCategories" ADD VALUE 'analytics';

;

-- ===== packages/prisma/migrations/20221007112203_add_email_address_workflow_action
-- AlterEnum
ALTER TYPE "WorkflowActions" ADD VALUE 'EMAIL_ADDRESS';

;

-- ===== packages/prisma/migrations/20221011001632_make_team_name_slug_required
/*
  Warnings:

  - Made the column `name` on table `Team` required. This step will fail if there are existing NULL values in that column.
  - Made the column `slug` on table `Team` required. This step will fail if there are existing NULL values in that column.

*/
-- AlterTable
ALTER TABLE "Team" ALTER COLUMN "name" SET NOT NULL,
ALTER COLUMN "slug" SET NOT NULL;

;

-- ===== packages/prisma/migrations/20221011012344_add_membership_cascade
-- DropForeignKey
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_teamId_fkey";

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20221017115710_add_number_required_to_workflow_step
-- AlterTable
ALTER TABLE "WorkflowStep" ADD COLUMN     "numberRequired" BOOLEAN;

;

-- ===== packages/prisma/migrations/20221017205314_add_invalid_field_credential_table
-- AlterTable
ALTER TABLE "Credential" ADD COLUMN     "invalid" BOOLEAN;

;

-- ===== packages/prisma/migrations/20221028093727_add_routing_form_settings
-- AlterTable
ALTER TABLE "App_RoutingForms_Form" ADD COLUMN     "settings" JSONB;

;

-- ===== packages/prisma/migrations/20221107201132_add_team_subscription_cols
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "metadata" JSONB,
ALTER COLUMN "slug" DROP NOT NULL;

;

-- ===== packages/prisma/migrations/20221110164757_add_sender_to_workflow_step
-- AlterTable
ALTER TABLE "WorkflowStep" ADD COLUMN     "sender" TEXT;

;

-- ===== packages/prisma/migrations/20221111152547_add_enabled_col_to_apps
-- AlterTable
ALTER TABLE "App" ADD COLUMN     "enabled" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20221121115813_
-- AlterEnum
ALTER TYPE "EventTypeCustomInputType" ADD VALUE 'phone';

;

-- ===== packages/prisma/migrations/20221129112344_adding_radio_custom_input
-- AlterEnum
ALTER TYPE "EventTypeCustomInputType" ADD VALUE 'radio';

-- AlterTable
ALTER TABLE "EventTypeCustomInput" ADD COLUMN     "options" JSONB;

;

-- ===== packages/prisma/migrations/20221129125935_add_metadata_to_booking
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "metadata" JSONB;

;

-- ===== packages/prisma/migrations/20221201191836_credential_invalid_col_default_false
-- AlterTable
ALTER TABLE "Credential" ALTER COLUMN "invalid" SET DEFAULT false;

;

-- ===== packages/prisma/migrations/20221206152547_set_enabled_to_current_apps
-- AlterTable
-- The new default is false but we set true for all current apps
UPDATE "App" SET "enabled" = true;

;

-- ===== packages/prisma/migrations/20221208221811_remove_user_plan
/*
  Warnings:

  - You are about to drop the column `plan` on the `users` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "users" DROP COLUMN "plan";

-- DropEnum
DROP TYPE "UserPlan";

;

-- ===== packages/prisma/migrations/20221214210020_set_seats_show_attendees_to_default_false
-- AlterTable
ALTER TABLE "EventType" ALTER COLUMN "seatsShowAttendees" SET DEFAULT false;

;

-- ===== packages/prisma/migrations/20221215120525_add_verified_numbers
-- AlterTable
ALTER TABLE "WorkflowStep" ADD COLUMN     "numberVerificationPending" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "VerifiedNumber" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "phoneNumber" TEXT NOT NULL,

    CONSTRAINT "VerifiedNumber_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "VerifiedNumber" ADD CONSTRAINT "VerifiedNumber_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20230105203125_add_hide_book_a_team_member
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "hideBookATeamMember" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20230105212846_add_availability_schedule_indexes
-- CreateIndex
CREATE INDEX "Availability_eventTypeId_idx" ON "Availability"("eventTypeId");

-- CreateIndex
CREATE INDEX "Availability_scheduleId_idx" ON "Availability"("scheduleId");

-- CreateIndex
CREATE INDEX "Schedule_userId_idx" ON "Schedule"("userId");

;

-- ===== packages/prisma/migrations/20230111183922_add_host_relation
-- CreateTable
CREATE TABLE "Host" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "eventTypeId" INTEGER NOT NULL,
    "isFixed" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Host_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "Host" ADD CONSTRAINT "Host_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Host" ADD CONSTRAINT "Host_eventTypeId_fkey" FOREIGN KEY ("eventTypeId") REFERENCES "EventType"("id") ON DELETE CASCADE ON UPDATE CASCADE;
;

-- ===== packages/prisma/migrations/20230124154235_add_booking_fields
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "responses" JSONB;

-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "bookingFields" JSONB;

;

-- ===== packages/prisma/migrations/20230125175109_remove_type_from_payment_and_add_app_relationship
/*
  Warnings:

  - You are about to drop the column `type` on the `Payment` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "Payment" DROP COLUMN "type",
ADD COLUMN     "appId" TEXT;

-- DropEnum
DROP TYPE "PaymentType";

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_appId_fkey" FOREIGN KEY ("appId") REFERENCES "App"("slug") ON DELETE CASCADE ON UPDATE CASCADE;

-- At this point all payments are from stripe. We update existing values to reflect this.
UPDATE "Payment" SET "appId" = 'stripe';


;

-- ===== packages/prisma/migrations/20230125182832_add_deployment
-- CreateTable
CREATE TABLE "Deployment" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "logo" TEXT,
    "theme" JSONB,
    "licenseKey" TEXT,
    "agreedLicenseAt" TIMESTAMP(3),

    CONSTRAINT "Deployment_pkey" PRIMARY KEY ("id")
);

;

-- ===== packages/prisma/migrations/20230129094557_add_recording_exist
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "isRecorded" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20230131062229_add_theme_and_brand_colors_for_teams
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "brandColor" TEXT NOT NULL DEFAULT '#292929',
ADD COLUMN     "darkBrandColor" TEXT NOT NULL DEFAULT '#fafafa',
ADD COLUMN     "theme" TEXT;

;

-- ===== packages/prisma/migrations/20230210132534_add_workflows_to_teams
-- AlterTable
ALTER TABLE "Workflow" ADD COLUMN     "teamId" INTEGER,
ALTER COLUMN "userId" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "Workflow" ADD CONSTRAINT "Workflow_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20230210182245_add_verified_numbers_to_team
-- AlterTable
ALTER TABLE "VerifiedNumber" ADD COLUMN     "teamId" INTEGER,
ALTER COLUMN "userId" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "VerifiedNumber" ADD CONSTRAINT "VerifiedNumber_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20230214083325_add_duration_limits
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "durationLimits" JSONB;

;

-- ===== packages/prisma/migrations/20230216134219_managed_events
/*
  Warnings:

  - A unique constraint covering the columns `[userId,parentId]` on the table `EventType` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterEnum
ALTER TYPE "SchedulingType" ADD VALUE 'managed';

-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "parentId" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "EventType_userId_parentId_key" ON "EventType"("userId", "parentId");

-- AddForeignKey
ALTER TABLE "EventType" ADD CONSTRAINT "EventType_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "EventType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20230216171757_host_user_id_event_type_id
/*
  Warnings:

  - The primary key for the `Host` table will be changed. If it partially fails, the table could be left without primary key constraint.
  - You are about to drop the column `id` on the `Host` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "Host" DROP CONSTRAINT "Host_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "Host_pkey" PRIMARY KEY ("userId", "eventTypeId");

;

-- ===== packages/prisma/migrations/20230217230604_add_cancelled_to_workflow_reminder
-- AlterTable
ALTER TABLE "WorkflowReminder" ADD COLUMN     "cancelled" BOOLEAN;

;

-- ===== packages/prisma/migrations/20230222152136_assign_event_type_ownership

DELETE FROM "EventType" WHERE id IN (
    SELECT id FROM "EventType" 
    INNER JOIN _user_eventtype ON "A" = id 
    WHERE "B" IN (
        SELECT "B" FROM "EventType" 
        INNER JOIN _user_eventtype ON "A" = id 
        WHERE "userId" IS NULL AND "teamId" IS NULL 
        GROUP BY slug, "B" HAVING count(*) > 1
    )
    EXCEPT 
    SELECT min(id) FROM "EventType" 
    INNER JOIN _user_eventtype ON "A" = id 
    WHERE "B" IN (
        SELECT "B" FROM "EventType" INNER JOIN _user_eventtype ON "A" = id 
        WHERE "userId" IS NULL AND "teamId" IS NULL 
        GROUP BY slug, "B" HAVING count(*) > 1
    )
    GROUP BY slug, "B"
);

UPDATE "EventType"
SET "userId" = sub."B"
FROM (
    SELECT id, slug, "B" FROM "EventType"
    INNER JOIN _user_eventtype ON "A" = id 
    WHERE "userId" IS NULL AND "teamId" IS NULL
) AS sub
WHERE "EventType".id = sub.id
AND NOT EXISTS (
   SELECT 1 FROM "EventType" WHERE slug = sub.slug AND "userId" = sub."B"
);
;

-- ===== packages/prisma/migrations/20230303162003_add_booking_seat_reference
-- DropForeignKey
ALTER TABLE "Attendee" DROP CONSTRAINT IF EXISTS "Attendee_bookingId_fkey";

-- DropForeignKey
ALTER TABLE "Booking" DROP CONSTRAINT IF EXISTS "Booking_userId_fkey";

-- CreateTable
CREATE TABLE "BookingSeat" (
    "id" SERIAL NOT NULL,
    "referenceUid" TEXT NOT NULL,
    "bookingId" INTEGER NOT NULL,
    "attendeeId" INTEGER NOT NULL,
    "data" JSONB,

    CONSTRAINT "BookingSeat_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BookingSeat_referenceUid_key" ON "BookingSeat"("referenceUid");

-- CreateIndex
CREATE UNIQUE INDEX "BookingSeat_attendeeId_key" ON "BookingSeat"("attendeeId");

-- AddForeignKey
ALTER TABLE "Attendee" ADD CONSTRAINT "Attendee_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingSeat" ADD CONSTRAINT "BookingSeat_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingSeat" ADD CONSTRAINT "BookingSeat_attendeeId_fkey" FOREIGN KEY ("attendeeId") REFERENCES "Attendee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20230303195431_add_feature_flags
-- CreateEnum
CREATE TYPE "FeatureType" AS ENUM ('RELEASE', 'EXPERIMENT', 'OPERATIONAL', 'KILL_SWITCH', 'PERMISSION');

-- CreateTable
CREATE TABLE "Feature" (
    "slug" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,
    "type" "FeatureType" DEFAULT 'RELEASE',
    "stale" BOOLEAN DEFAULT false,
    "lastUsedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "updatedBy" INTEGER,

    CONSTRAINT "Feature_pkey" PRIMARY KEY ("slug")
);

-- CreateIndex
CREATE UNIQUE INDEX "Feature_slug_key" ON "Feature"("slug");

;

-- ===== packages/prisma/migrations/20230303195432_add_feature_flag_default_values
-- Insert initial feature flags with their default values
INSERT INTO
  "Feature" (slug, enabled, description, "type")
VALUES
  (
    'emails',
    false,
    'Enable to prevent any emails being send',
    'KILL_SWITCH'
  ),
  (
    'workflows',
    true,
    'Enable workflows for this instance',
    'OPERATIONAL'
  ),
  (
    'teams',
    true,
    'Enable teams for this instance',
    'OPERATIONAL'
  ),
  (
    'webhooks',
    true,
    'Enable webhooks for this instance',
    'OPERATIONAL'
  ) ON CONFLICT (slug) DO NOTHING;

;

-- ===== packages/prisma/migrations/20230309203435_make_booking_and_workflow_step_optional_for_workflow_reminder
-- DropForeignKey
ALTER TABLE "WorkflowReminder" DROP CONSTRAINT "WorkflowReminder_bookingUid_fkey";

-- DropForeignKey
ALTER TABLE "WorkflowReminder" DROP CONSTRAINT "WorkflowReminder_workflowStepId_fkey";

-- AlterTable
ALTER TABLE "WorkflowReminder" ALTER COLUMN "bookingUid" DROP NOT NULL,
ALTER COLUMN "workflowStepId" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "WorkflowReminder" ADD CONSTRAINT "WorkflowReminder_bookingUid_fkey" FOREIGN KEY ("bookingUid") REFERENCES "Booking"("uid") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowReminder" ADD CONSTRAINT "WorkflowReminder_workflowStepId_fkey" FOREIGN KEY ("workflowStepId") REFERENCES "WorkflowStep"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20230328204152_add_selected_slots_table
-- CreateTable
CREATE TABLE "SelectedSlots" (
    "id" SERIAL NOT NULL,
    "eventTypeId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "slotUtcStartDate" TIMESTAMP(3) NOT NULL,
    "slotUtcEndDate" TIMESTAMP(3) NOT NULL,
    "uid" TEXT NOT NULL,
    "releaseAt" TIMESTAMP(3) NOT NULL,
    "isSeat" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SelectedSlots_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SelectedSlots_userId_slotUtcStartDate_slotUtcEndDate_uid_key" ON "SelectedSlots"("userId", "slotUtcStartDate", "slotUtcEndDate", "uid");

;

-- ===== packages/prisma/migrations/20230329000000_add_insights_feature_flag
-- Insert initial feature flags with their default values
INSERT INTO
  "Feature" (slug, enabled, description, "type")
VALUES
  (
    'insights',
    true,
    'Enable insights for this instance',
    'OPERATIONAL'
  ) ON CONFLICT (slug) DO NOTHING;

;

-- ===== packages/prisma/migrations/20230330030031_add_payment_option
-- CreateEnum
CREATE TYPE "PaymentOption" AS ENUM ('ON_BOOKING', 'HOLD');

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "paymentOption" "PaymentOption" DEFAULT 'ON_BOOKING';

;

-- ===== packages/prisma/migrations/20230404100155_remove_reminder_body_email_subject_from_reminder_template
-- Until now reminderBody and emailSubject were ignored for the REMINDER template
-- From now on we use the reminderBody and emailSubject also for templates

UPDATE "WorkflowStep"
SET "reminderBody" = NULL, "emailSubject" = NULL
WHERE "template" = 'REMINDER';

;

-- ===== packages/prisma/migrations/20230404202721_add_feature_flag_managed_event_types
INSERT INTO
  "Feature" (slug, enabled, description, "type")
VALUES
  (
    'managed-event-types',
    true,
    'Enable creating & distributing event types in bulk to team members for this instance',
    'OPERATIONAL'
  ) ON CONFLICT (slug) DO NOTHING;

;

-- ===== packages/prisma/migrations/20230410234751_add_foreign_key_indexes
-- CreateIndex
CREATE INDEX "Account_userId_idx" ON "Account"("userId");

-- CreateIndex
CREATE INDEX "Account_type_idx" ON "Account"("type");

-- CreateIndex
CREATE INDEX "ApiKey_userId_idx" ON "ApiKey"("userId");

-- CreateIndex
CREATE INDEX "App_enabled_idx" ON "App"("enabled");

-- CreateIndex
CREATE INDEX "App_RoutingForms_Form_userId_idx" ON "App_RoutingForms_Form"("userId");

-- CreateIndex
CREATE INDEX "App_RoutingForms_Form_disabled_idx" ON "App_RoutingForms_Form"("disabled");

-- CreateIndex
CREATE INDEX "App_RoutingForms_FormResponse_formFillerId_idx" ON "App_RoutingForms_FormResponse"("formFillerId");

-- CreateIndex
CREATE INDEX "App_RoutingForms_FormResponse_formId_idx" ON "App_RoutingForms_FormResponse"("formId");

-- CreateIndex
CREATE INDEX "Attendee_email_idx" ON "Attendee"("email");

-- CreateIndex
CREATE INDEX "Attendee_bookingId_idx" ON "Attendee"("bookingId");

-- CreateIndex
CREATE INDEX "Availability_userId_idx" ON "Availability"("userId");

-- CreateIndex
CREATE INDEX "Booking_eventTypeId_idx" ON "Booking"("eventTypeId");

-- CreateIndex
CREATE INDEX "Booking_userId_idx" ON "Booking"("userId");

-- CreateIndex
CREATE INDEX "Booking_destinationCalendarId_idx" ON "Booking"("destinationCalendarId");

-- CreateIndex
CREATE INDEX "Booking_recurringEventId_idx" ON "Booking"("recurringEventId");

-- CreateIndex
CREATE INDEX "Booking_uid_idx" ON "Booking"("uid");

-- CreateIndex
CREATE INDEX "Booking_status_idx" ON "Booking"("status");

-- CreateIndex
CREATE INDEX "BookingReference_bookingId_idx" ON "BookingReference"("bookingId");

-- CreateIndex
CREATE INDEX "BookingReference_credentialId_idx" ON "BookingReference"("credentialId");

-- CreateIndex
CREATE INDEX "BookingReference_type_idx" ON "BookingReference"("type");

-- CreateIndex
CREATE INDEX "BookingReference_uid_idx" ON "BookingReference"("uid");

-- CreateIndex
CREATE INDEX "BookingSeat_bookingId_idx" ON "BookingSeat"("bookingId");

-- CreateIndex
CREATE INDEX "BookingSeat_attendeeId_idx" ON "BookingSeat"("attendeeId");

-- CreateIndex
CREATE INDEX "Credential_userId_idx" ON "Credential"("userId");

-- CreateIndex
CREATE INDEX "Credential_appId_idx" ON "Credential"("appId");

-- CreateIndex
CREATE INDEX "DestinationCalendar_userId_idx" ON "DestinationCalendar"("userId");

-- CreateIndex
CREATE INDEX "DestinationCalendar_eventTypeId_idx" ON "DestinationCalendar"("eventTypeId");

-- CreateIndex
CREATE INDEX "DestinationCalendar_credentialId_idx" ON "DestinationCalendar"("credentialId");

-- CreateIndex
CREATE INDEX "EventType_userId_idx" ON "EventType"("userId");

-- CreateIndex
CREATE INDEX "EventType_teamId_idx" ON "EventType"("teamId");

-- CreateIndex
CREATE INDEX "EventTypeCustomInput_eventTypeId_idx" ON "EventTypeCustomInput"("eventTypeId");

-- CreateIndex
CREATE INDEX "Feature_enabled_idx" ON "Feature"("enabled");

-- CreateIndex
CREATE INDEX "Feature_stale_idx" ON "Feature"("stale");

-- CreateIndex
CREATE INDEX "Feedback_userId_idx" ON "Feedback"("userId");

-- CreateIndex
CREATE INDEX "Feedback_rating_idx" ON "Feedback"("rating");

-- CreateIndex
CREATE INDEX "Host_userId_idx" ON "Host"("userId");

-- CreateIndex
CREATE INDEX "Host_eventTypeId_idx" ON "Host"("eventTypeId");

-- CreateIndex
CREATE INDEX "Membership_teamId_idx" ON "Membership"("teamId");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE INDEX "Payment_bookingId_idx" ON "Payment"("bookingId");

-- CreateIndex
CREATE INDEX "Payment_externalId_idx" ON "Payment"("externalId");

-- CreateIndex
CREATE INDEX "ReminderMail_referenceId_idx" ON "ReminderMail"("referenceId");

-- CreateIndex
CREATE INDEX "ReminderMail_reminderType_idx" ON "ReminderMail"("reminderType");

-- CreateIndex
CREATE INDEX "SelectedCalendar_userId_idx" ON "SelectedCalendar"("userId");

-- CreateIndex
CREATE INDEX "SelectedCalendar_integration_idx" ON "SelectedCalendar"("integration");

-- CreateIndex
CREATE INDEX "SelectedCalendar_externalId_idx" ON "SelectedCalendar"("externalId");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "VerificationToken_token_idx" ON "VerificationToken"("token");

-- CreateIndex
CREATE INDEX "VerifiedNumber_userId_idx" ON "VerifiedNumber"("userId");

-- CreateIndex
CREATE INDEX "VerifiedNumber_teamId_idx" ON "VerifiedNumber"("teamId");

-- CreateIndex
CREATE INDEX "Workflow_userId_idx" ON "Workflow"("userId");

-- CreateIndex
CREATE INDEX "Workflow_teamId_idx" ON "Workflow"("teamId");

-- CreateIndex
CREATE INDEX "WorkflowReminder_bookingUid_idx" ON "WorkflowReminder"("bookingUid");

-- CreateIndex
CREATE INDEX "WorkflowReminder_workflowStepId_idx" ON "WorkflowReminder"("workflowStepId");

-- CreateIndex
CREATE INDEX "WorkflowStep_workflowId_idx" ON "WorkflowStep"("workflowId");

-- CreateIndex
CREATE INDEX "WorkflowsOnEventTypes_workflowId_idx" ON "WorkflowsOnEventTypes"("workflowId");

-- CreateIndex
CREATE INDEX "WorkflowsOnEventTypes_eventTypeId_idx" ON "WorkflowsOnEventTypes"("eventTypeId");

-- CreateIndex
CREATE INDEX "users_email_idx" ON "users"("email");

-- CreateIndex
CREATE INDEX "users_emailVerified_idx" ON "users"("emailVerified");

-- CreateIndex
CREATE INDEX "users_identityProvider_idx" ON "users"("identityProvider");

-- CreateIndex
CREATE INDEX "users_identityProviderId_idx" ON "users"("identityProviderId");

;

-- ===== packages/prisma/migrations/20230412094052_fix_apps
-- This is an empty migration.
UPDATE "App" SET "dirName" = 'gtm', "slug" = 'gtm' WHERE "slug" = 'google-tag-manager';
;

-- ===== packages/prisma/migrations/20230414112451_add_recording_ready
-- AlterEnum
ALTER TYPE "WebhookTriggerEvents" ADD VALUE 'RECORDING_READY';

;

-- ===== packages/prisma/migrations/20230417102118_app_logo_subdomain
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "appLogo" TEXT;
ALTER TABLE "Team" ADD COLUMN     "appIconLogo" TEXT;

;

-- ===== packages/prisma/migrations/20230418002117_booking_time_status
-- View: public.BookingsTimeStatus

-- DROP VIEW public."BookingsTimeStatus";

CREATE OR REPLACE VIEW public."BookingTimeStatus"
 AS
 SELECT "Booking".id,
    "Booking".uid,
    "Booking"."eventTypeId",
    "Booking".title,
    "Booking".description,
    "Booking"."startTime",
    "Booking"."endTime",
    "Booking"."createdAt",
    "Booking".location,
    "Booking".paid,
    "Booking".status,
    "Booking".rescheduled,
    "Booking"."userId",
    "et"."teamId",
	"et"."length" as "eventLength",
        CASE
            WHEN "Booking".rescheduled IS TRUE THEN 'rescheduled'::text
            WHEN "Booking".status = 'cancelled'::"BookingStatus" AND "Booking".rescheduled IS FALSE THEN 'cancelled'::text
            WHEN "Booking"."endTime" < now() THEN 'completed'::text
            WHEN "Booking"."endTime" > now() THEN 'uncompleted'::text
            ELSE NULL::text
        END AS "timeStatus"
   FROM "Booking"
     LEFT JOIN "EventType" et ON "Booking"."eventTypeId" = et.id
	 LEFT JOIN "Membership" mb ON "mb"."userId" = "Booking"."userId";
 



;

-- ===== packages/prisma/migrations/20230420222915_add_whatsapp_workflow_migrations
-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "WorkflowActions" ADD VALUE 'WHATSAPP_ATTENDEE';
ALTER TYPE "WorkflowActions" ADD VALUE 'WHATSAPP_NUMBER';

ALTER TYPE "WorkflowMethods" ADD VALUE 'WHATSAPP';

ALTER TYPE "WorkflowTemplates" ADD VALUE 'CANCELLED';
ALTER TYPE "WorkflowTemplates" ADD VALUE 'RESCHEDULED';
ALTER TYPE "WorkflowTemplates" ADD VALUE 'COMPLETED';

;

-- ===== packages/prisma/migrations/20230422152301_add_team_invite_token
/*
  Warnings:

  - A unique constraint covering the columns `[teamId]` on the table `VerificationToken` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "VerificationToken" ADD COLUMN     "expiresInDays" INTEGER,
ADD COLUMN     "teamId" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "VerificationToken_teamId_key" ON "VerificationToken"("teamId");

-- AddForeignKey
ALTER TABLE "VerificationToken" ADD CONSTRAINT "VerificationToken_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20230424163718_offset_start_times
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "offsetStart" INTEGER NOT NULL DEFAULT 0;

;

-- ===== packages/prisma/migrations/20230428142539_event_type_workflow_uniqueness
-- Sanitizing the DB before creating unique index
DELETE FROM "WorkflowsOnEventTypes"
 WHERE id not in
 (SELECT MIN(id)
 FROM "WorkflowsOnEventTypes"
 GROUP BY "workflowId", "eventTypeId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowsOnEventTypes_workflowId_eventTypeId_key" ON "WorkflowsOnEventTypes"("workflowId", "eventTypeId");

;

-- ===== packages/prisma/migrations/20230513235419_add_booking_webhooks
-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "WebhookTriggerEvents" ADD VALUE 'BOOKING_PAID';

;

-- ===== packages/prisma/migrations/20230515121841_add_team_webhooks
-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "teamId" INTEGER;

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20230518084145_add_feature_flag_google_workspace
INSERT INTO
  "Feature" (slug, enabled, description, "type")
VALUES
  (
    'google-workspace-directory',
    false,
    'Enable Google Workspace Directory integration - Syncing of users and groups from Google Workspace to users teams.',
    'OPERATIONAL'
  ) ON CONFLICT (slug) DO NOTHING;

;

-- ===== packages/prisma/migrations/20230522115850_add_enum_booking_requested_booking_rejected
-- AlterEnum
ALTER TYPE "WebhookTriggerEvents" ADD VALUE 'BOOKING_REQUESTED';
ALTER TYPE "WebhookTriggerEvents" ADD VALUE 'BOOKING_REJECTED';

;

-- ===== packages/prisma/migrations/20230523101834_email_verification_feature_flag
INSERT INTO
  "Feature" (slug, enabled, description, "type")
VALUES
  (
    'email-verification',
    true,
    'Enable email verification for new users',
    'OPERATIONAL'
  ) ON CONFLICT (slug) DO NOTHING;

;

-- ===== packages/prisma/migrations/20230524105015_added_newbooker_feature_flag
INSERT INTO
  "Feature" (slug, enabled, description, "type")
VALUES
  (
    'booker-layouts',
    false,
    'Enable new booker configuration settings for all users',
    'EXPERIMENT'
  ) ON CONFLICT (slug) DO NOTHING;

;

-- ===== packages/prisma/migrations/20230531133843_organizations
/*
  Warnings:

  - A unique constraint covering the columns `[slug,parentId]` on the table `Team` will be added. If there are existing duplicate values, this will fail.
  - A unique constraint covering the columns `[email,username]` on the table `users` will be added. If there are existing duplicate values, this will fail.
  - A unique constraint covering the columns `[username,organizationId]` on the table `users` will be added. If there are existing duplicate values, this will fail.

*/
-- DropIndex
DROP INDEX "Team_slug_key";

-- DropIndex
DROP INDEX "users_email_idx";

-- DropIndex
DROP INDEX "users_username_key";

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "parentId" INTEGER;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "organizationId" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "Team_slug_parentId_key" ON "Team"("slug", "parentId");

-- CreateIndex
CREATE UNIQUE INDEX "Team_slug_parentId_key_null" ON "Team"("slug", ("parentId" IS NULL)) WHERE "parentId" IS NULL;

-- CreateIndex
CREATE UNIQUE INDEX "users_email_username_key" ON "users"("email", "username");

-- CreateIndex
CREATE UNIQUE INDEX "users_username_organizationId_key" ON "users"("username", "organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "users_username_organizationId_key_null" ON "users"("username", ("organizationId" IS NULL)) WHERE "organizationId" IS NULL;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- FeatureFlags
INSERT INTO "Feature" (slug, enabled, description, "type")
VALUES ('organizations', true, 'Manage organizations with multiple teams', 'OPERATIONAL')
ON CONFLICT (slug) DO NOTHING;

;

-- ===== packages/prisma/migrations/20230601141825_add_locale_timezone_timeformat_in_team
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "timeFormat" INTEGER,
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'Europe/London',
ADD COLUMN     "weekStart" TEXT NOT NULL DEFAULT 'Sunday';

;

-- ===== packages/prisma/migrations/20230601181657_disable_signup_feature_flag
INSERT INTO
  "Feature" (slug, enabled, description, "type")
VALUES
  (
    'disable-signup',
    false,
    'Enable to prevent users from signing up',
    'OPERATIONAL'
  ) ON CONFLICT (slug) DO NOTHING;
 
;

-- ===== packages/prisma/migrations/20230603115613_reorganise_app_categories
-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AppCategories" ADD VALUE 'conferencing';
ALTER TYPE "AppCategories" ADD VALUE 'crm';

;

-- ===== packages/prisma/migrations/20230605142353_team_routing_forms
-- AlterTable
ALTER TABLE "App_RoutingForms_Form" ADD COLUMN     "teamId" INTEGER;

-- AddForeignKey
ALTER TABLE "App_RoutingForms_Form" ADD CONSTRAINT "App_RoutingForms_Form_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20230606202918_add_team_id_to_credential
-- AlterTable
ALTER TABLE "Credential" ADD COLUMN     "teamId" INTEGER;

-- AddForeignKey
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20230622164946_remove_host_remnants_from_old_team_members

DELETE FROM "Host" 
WHERE "Host"."userId" IN ( 
    SELECT "Host"."userId" FROM "Host" 
    LEFT JOIN "Membership" ON "Membership"."userId" = "Host"."userId" 
    INNER JOIN "EventType" ON "EventType"."id" = "Host"."eventTypeId" 
    WHERE "EventType"."teamId" IS NOT NULL 
    AND "Membership"."userId" IS NULL
)
AND "Host"."eventTypeId" IN ( 
    SELECT "Host"."eventTypeId" FROM "Host" 
    LEFT JOIN "Membership" ON "Membership"."userId" = "Host"."userId" 
    INNER JOIN "EventType" ON "EventType"."id" = "Host"."eventTypeId" 
    WHERE "EventType"."teamId" IS NOT NULL 
    AND "Membership"."userId" IS NULL
);
;

-- ===== packages/prisma/migrations/20230629083927_add_team_id_in_api_key
-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "teamId" INTEGER;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20230629124638_membership_autoinc_id
/*
  Warnings:

  - The primary key for the `Membership` table will be changed. If it partially fails, the table could be left without primary key constraint.
  - A unique constraint covering the columns `[userId,teamId]` on the table `Membership` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "Membership" DROP CONSTRAINT "Membership_pkey",
ADD COLUMN     "id" SERIAL NOT NULL,
ADD CONSTRAINT "Membership_pkey" PRIMARY KEY ("id");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_teamId_key" ON "Membership"("userId", "teamId");

;

-- ===== packages/prisma/migrations/20230701125542_add_is_private
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "isPrivate" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20230712192734_fixes_team_verification_tokens
-- DropIndex
DROP INDEX "VerificationToken_teamId_key";

;

-- ===== packages/prisma/migrations/20230717175901_add_booker_email_verification
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "requiresBookerEmailVerification" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20230719214513_update_booking_time_status_fields_event_parent_id
-- View: public.BookingsTimeStatus

-- DROP VIEW public."BookingsTimeStatus";

CREATE OR REPLACE VIEW public."BookingTimeStatus"
 AS
 SELECT "Booking".id,
    "Booking".uid,
    "Booking"."eventTypeId",
    "Booking".title,
    "Booking".description,
    "Booking"."startTime",
    "Booking"."endTime",
    "Booking"."createdAt",
    "Booking".location,
    "Booking".paid,
    "Booking".status,
    "Booking".rescheduled,
    "Booking"."userId",
    "et"."teamId",
	  "et"."length" as "eventLength",
      CASE
          WHEN "Booking".rescheduled IS TRUE THEN 'rescheduled'::text
          WHEN "Booking".status = 'cancelled'::"BookingStatus" AND "Booking".rescheduled IS FALSE THEN 'cancelled'::text
          WHEN "Booking"."endTime" < now() THEN 'completed'::text
          WHEN "Booking"."endTime" > now() THEN 'uncompleted'::text
          ELSE NULL::text
      END AS "timeStatus",
	  "et"."parentId" as "eventParentId"
   FROM "Booking"
    LEFT JOIN "EventType" et ON "Booking"."eventTypeId" = et.id
	  LEFT JOIN "Membership" mb ON "mb"."userId" = "Booking"."userId";
 



;

-- ===== packages/prisma/migrations/20230726083334_fix_workflow_reminders_not_canceled_for_canceled_seats
-- AlterTable
ALTER TABLE "WorkflowReminder" ADD COLUMN     "seatReferenceId" TEXT;

-- CreateIndex
CREATE INDEX "WorkflowReminder_seatReferenceId_idx" ON "WorkflowReminder"("seatReferenceId");

;

-- ===== packages/prisma/migrations/20230803132959_adds_field_for_seo_indexing_checking
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "allowSEOIndexing" BOOLEAN DEFAULT true;

;

-- ===== packages/prisma/migrations/20230804153419_add_backup_codes
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "backupCodes" TEXT;

;

-- ===== packages/prisma/migrations/20230815080823_zapier_scheduled_triggers
-- CreateTable
CREATE TABLE "WebhookScheduledTriggers" (
    "id" SERIAL NOT NULL,
    "jobName" TEXT NOT NULL,
    "subscriberUrl" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "startAfter" TIMESTAMP(3) NOT NULL,
    "retryCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookScheduledTriggers_pkey" PRIMARY KEY ("id")
);

;

-- ===== packages/prisma/migrations/20230815131901_add_position_column_to_routing_forms_and_workflows
-- AlterTable
ALTER TABLE "App_RoutingForms_Form" ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Workflow" ADD COLUMN     "position" INTEGER NOT NULL DEFAULT 0;

;

-- ===== packages/prisma/migrations/20230828094603_add_include_calendar_event
-- AlterTable
ALTER TABLE "WorkflowStep" ADD COLUMN     "includeCalendarEvent" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20230828175052_
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "receiveMonthlyDigestEmail" BOOLEAN DEFAULT true;

;

-- ===== packages/prisma/migrations/20230902163155_add_seats_show_availability_count_field
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "seatsShowAvailabilityCount" BOOLEAN DEFAULT true;

;

-- ===== packages/prisma/migrations/20230904102526_add_booking_payment_initiated
-- AlterEnum
ALTER TYPE "WebhookTriggerEvents" ADD VALUE 'BOOKING_PAYMENT_INITIATED';

;

-- ===== packages/prisma/migrations/20230907002853_add_calendar_cache
-- CreateTable
CREATE TABLE
  "CalendarCache" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "credentialId" INTEGER NOT NULL,
    CONSTRAINT "CalendarCache_pkey" PRIMARY KEY ("credentialId", "key")
  );

-- CreateIndex
CREATE UNIQUE INDEX "CalendarCache_credentialId_key_key" ON "CalendarCache" ("credentialId", "key");

-- AddForeignKey
ALTER TABLE "CalendarCache" ADD CONSTRAINT "CalendarCache_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential" ("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Add Feature Flag
INSERT INTO
  "Feature" (slug, enabled, description, "type")
VALUES
  (
    'calendar-cache',
    false,
    'Enable Third Party Calendar Cache - Cache third party calendar events to reduce the number of API calls to third party calendar providers.',
    'OPERATIONAL'
  ) ON CONFLICT (slug) DO NOTHING;

;

-- ===== packages/prisma/migrations/20230911172537_connect_selected_calendar_to_credential
-- AlterTable
ALTER TABLE "SelectedCalendar" ADD COLUMN     "credentialId" INTEGER;

-- AddForeignKey
ALTER TABLE "SelectedCalendar" ADD CONSTRAINT "SelectedCalendar_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20230920175742_add_oauth_model
-- CreateEnum
CREATE TYPE "AccessScope" AS ENUM ('READ_BOOKING', 'READ_PROFILE');

-- CreateTable
CREATE TABLE "OAuthClient" (
    "clientId" TEXT NOT NULL,
    "redirectUri" TEXT NOT NULL,
    "clientSecret" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "logo" TEXT,

    CONSTRAINT "OAuthClient_pkey" PRIMARY KEY ("clientId")
);

-- CreateTable
CREATE TABLE "AccessCode" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "clientId" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "scopes" "AccessScope"[],
    "userId" INTEGER,
    "teamId" INTEGER,

    CONSTRAINT "AccessCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OAuthClient_clientId_key" ON "OAuthClient"("clientId");

-- AddForeignKey
ALTER TABLE "AccessCode" ADD CONSTRAINT "AccessCode_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "OAuthClient"("clientId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessCode" ADD CONSTRAINT "AccessCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessCode" ADD CONSTRAINT "AccessCode_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20230921002822_fix_booking_time_status
-- View: public.BookingsTimeStatus

-- DROP VIEW public."BookingsTimeStatus";

CREATE OR REPLACE VIEW public."BookingTimeStatus"
 AS
 SELECT "Booking".id,
    "Booking".uid,
    "Booking"."eventTypeId",
    "Booking".title,
    "Booking".description,
    "Booking"."startTime",
    "Booking"."endTime",
    "Booking"."createdAt",
    "Booking".location,
    "Booking".paid,
    "Booking".status,
    "Booking".rescheduled,
    "Booking"."userId",
    "et"."teamId",
	  "et"."length" as "eventLength",
      CASE
          WHEN "Booking".rescheduled IS TRUE THEN 'rescheduled'::text
          WHEN "Booking".status = 'cancelled'::"BookingStatus" AND "Booking".rescheduled IS NULL THEN 'cancelled'::text
          WHEN "Booking"."endTime" < now() THEN 'completed'::text
          WHEN "Booking"."endTime" > now() THEN 'uncompleted'::text
          ELSE NULL::text
      END AS "timeStatus",
	  "et"."parentId" as "eventParentId"
   FROM "Booking"
    LEFT JOIN "EventType" et ON "Booking"."eventTypeId" = et.id
	  LEFT JOIN "Membership" mb ON "mb"."userId" = "Booking"."userId";
 



;

-- ===== packages/prisma/migrations/20231001101010_add_user_email_to_booking_time_status
-- View: public.BookingTimeStatus

-- DROP VIEW public."BookingTimeStatus";

CREATE OR REPLACE VIEW public."BookingTimeStatus"
 AS
 SELECT "Booking".id,
    "Booking".uid,
    "Booking"."eventTypeId",
    "Booking".title,
    "Booking".description,
    "Booking"."startTime",
    "Booking"."endTime",
    "Booking"."createdAt",
    "Booking".location,
    "Booking".paid,
    "Booking".status,
    "Booking".rescheduled,
    "Booking"."userId",
    et."teamId",
    et.length AS "eventLength",
        CASE
            WHEN "Booking".rescheduled IS TRUE THEN 'rescheduled'::text
            WHEN "Booking".status = 'cancelled'::"BookingStatus" AND "Booking".rescheduled IS NULL THEN 'cancelled'::text
            WHEN "Booking"."endTime" < now() THEN 'completed'::text
            WHEN "Booking"."endTime" > now() THEN 'uncompleted'::text
            ELSE NULL::text
        END AS "timeStatus",
    et."parentId" AS "eventParentId",
    "u"."email" AS "userEmail",
    "u"."username" AS "username"
   FROM "Booking"
     LEFT JOIN "EventType" et ON "Booking"."eventTypeId" = et.id
     LEFT JOIN users u ON u.id = "Booking"."userId";


;

-- ===== packages/prisma/migrations/20231014180034_add_temp_org_redirect
-- CreateEnum
CREATE TYPE "RedirectType" AS ENUM ('user-event-type', 'team-event-type', 'user', 'team');

-- CreateTable
CREATE TABLE "TempOrgRedirect" (
    "id" SERIAL NOT NULL,
    "from" TEXT NOT NULL,
    "fromOrgId" INTEGER NOT NULL,
    "type" "RedirectType" NOT NULL,
    "toUrl" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TempOrgRedirect_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "TempOrgRedirect_from_type_fromOrgId_key" ON "TempOrgRedirect"("from", "type", "fromOrgId");

;

-- ===== packages/prisma/migrations/20231016125421_add_username_idx
-- CreateIndex
CREATE INDEX "users_username_idx" ON "users"("username");

;

-- ===== packages/prisma/migrations/20231016153526_add_workflow_reminder_indexes
-- CreateIndex
CREATE INDEX "WorkflowReminder_method_scheduled_scheduledDate_idx" ON "WorkflowReminder"("method", "scheduled", "scheduledDate");

-- CreateIndex
CREATE INDEX "WorkflowReminder_cancelled_scheduledDate_idx" ON "WorkflowReminder"("cancelled", "scheduledDate");

;

-- ===== packages/prisma/migrations/20231020090443_add_lock_timezone_toggle
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "lockTimeZoneToggleOnBookingPage" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20231024173642_idx_booking_status_starttime_endtime
-- CreateIndex
CREATE INDEX "Booking_startTime_endTime_status_idx" ON "Booking"("startTime", "endTime", "status");

;

-- ===== packages/prisma/migrations/20231110122349_paid_apps
-- AlterTable
ALTER TABLE "Credential" ADD COLUMN     "billingCycleStart" INTEGER,
ADD COLUMN     "paymentStatus" TEXT,
ADD COLUMN     "subscriptionId" TEXT;

-- CreateIndex
CREATE INDEX "Credential_subscriptionId_idx" ON "Credential"("subscriptionId");

;

-- ===== packages/prisma/migrations/20231113131945_idx_teamid_verification_token
-- CreateIndex
CREATE INDEX "VerificationToken_teamId_idx" ON "VerificationToken"("teamId");

;

-- ===== packages/prisma/migrations/20231113202947_add_ical_columns_to_booking
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "iCalSequence" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "iCalUID" TEXT DEFAULT '';

;

-- ===== packages/prisma/migrations/20231114090318_add_avatar_url
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "logoUrl" TEXT;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "avatarUrl" TEXT;

-- CreateTable
CREATE TABLE "avatars" (
    "teamId" INTEGER NOT NULL DEFAULT 0,
    "userId" INTEGER NOT NULL DEFAULT 0,
    "data" TEXT NOT NULL,
    "objectKey" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "avatars_objectKey_key" ON "avatars"("objectKey");

-- CreateIndex
CREATE UNIQUE INDEX "avatars_teamId_userId_key" ON "avatars"("teamId", "userId");

;

-- ===== packages/prisma/migrations/20231117002911_add_users_locked
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "locked" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20231117081852_idx_eventtype_scheduleid
-- CreateIndex
CREATE INDEX "EventType_scheduleId_idx" ON "EventType"("scheduleId");

;

-- ===== packages/prisma/migrations/20231201233433_add_new_user_field_app_theme
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "appTheme" TEXT;

;

-- ===== packages/prisma/migrations/20231202181233_adding_show_first_available_timeslot
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "onlyShowFirstAvailableSlot" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20231203154633_adding_is_mandatory_reminder_field_for_mandatory_reminders
-- AlterTable
ALTER TABLE "WorkflowReminder" ADD COLUMN     "isMandatoryReminder" BOOLEAN DEFAULT false;

;

-- ===== packages/prisma/migrations/20231206191034_add_cal_video_logo
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "calVideoLogo" TEXT;

;

-- ===== packages/prisma/migrations/20231206220118_add_recurring_event_id
-- AlterTable
ALTER TABLE "BookingReference" ADD COLUMN     "thirdPartyRecurringEventId" TEXT;

;

-- ===== packages/prisma/migrations/20231213083720_add_meeting_started_webhook
-- AlterEnum
ALTER TYPE "WebhookTriggerEvents" ADD VALUE 'MEETING_STARTED';

;

-- ===== packages/prisma/migrations/20231213153230_add_instant_meeting
-- AlterEnum
ALTER TYPE "BookingStatus" ADD VALUE 'awaiting_host';

-- AlterEnum
ALTER TYPE "WebhookTriggerEvents" ADD VALUE 'INSTANT_MEETING';

-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "isInstantEvent" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "InstantMeetingToken" (
    "id" SERIAL NOT NULL,
    "token" TEXT NOT NULL,
    "expires" TIMESTAMP(3) NOT NULL,
    "teamId" INTEGER NOT NULL,
    "bookingId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InstantMeetingToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InstantMeetingToken_token_key" ON "InstantMeetingToken"("token");

-- CreateIndex
CREATE UNIQUE INDEX "InstantMeetingToken_bookingId_key" ON "InstantMeetingToken"("bookingId");

-- CreateIndex
CREATE INDEX "InstantMeetingToken_token_idx" ON "InstantMeetingToken"("token");

-- AddForeignKey
ALTER TABLE "InstantMeetingToken" ADD CONSTRAINT "InstantMeetingToken_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstantMeetingToken" ADD CONSTRAINT "InstantMeetingToken_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20231220152005_add_email_in_destination_calendar
-- AlterTable
ALTER TABLE "DestinationCalendar" ADD COLUMN     "primaryEmail" TEXT;

;

-- ===== packages/prisma/migrations/20240105110500_removed_newbooker_feature_flag
-- Removes the feature flag for the new booker layouts which is no longer needed
DELETE FROM "Feature"
WHERE
  slug = 'booker-layouts';

;

-- ===== packages/prisma/migrations/20240109041925_add_out_of_office_entry_table
-- CreateTable
CREATE TABLE "OutOfOfficeEntry" (
    "id" SERIAL NOT NULL,
    "uuid" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "end" TIMESTAMP(3) NOT NULL,
    "userId" INTEGER NOT NULL,
    "toUserId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutOfOfficeEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OutOfOfficeEntry_uuid_key" ON "OutOfOfficeEntry"("uuid");

-- CreateIndex
CREATE INDEX "OutOfOfficeEntry_uuid_idx" ON "OutOfOfficeEntry"("uuid");

-- CreateIndex
CREATE INDEX "OutOfOfficeEntry_userId_idx" ON "OutOfOfficeEntry"("userId");

-- CreateIndex
CREATE INDEX "OutOfOfficeEntry_toUserId_idx" ON "OutOfOfficeEntry"("toUserId");

-- CreateIndex
CREATE INDEX "OutOfOfficeEntry_start_end_idx" ON "OutOfOfficeEntry"("start", "end");

-- AddForeignKey
ALTER TABLE "OutOfOfficeEntry" ADD CONSTRAINT "OutOfOfficeEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutOfOfficeEntry" ADD CONSTRAINT "OutOfOfficeEntry_toUserId_fkey" FOREIGN KEY ("toUserId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240111075727_remove_brand_colours_default
ALTER TABLE "Team" ALTER COLUMN "brandColor" DROP NOT NULL,
ALTER COLUMN "brandColor" DROP DEFAULT,
ALTER COLUMN "darkBrandColor" DROP NOT NULL,
ALTER COLUMN "darkBrandColor" DROP DEFAULT;

-- AlterTable
ALTER TABLE "users" ALTER COLUMN "brandColor" DROP NOT NULL,
ALTER COLUMN "brandColor" DROP DEFAULT,
ALTER COLUMN "darkBrandColor" DROP NOT NULL,
ALTER COLUMN "darkBrandColor" DROP DEFAULT;

UPDATE "Team" SET "brandColor" = NULL WHERE "brandColor" = '#292929';
UPDATE "Team" SET "darkBrandColor" = NULL WHERE "darkBrandColor" = '#fafafa';

UPDATE "users" SET "brandColor" = NULL WHERE "brandColor" = '#292929';
UPDATE "users" SET "darkBrandColor" = NULL WHERE "darkBrandColor" = '#fafafa';


;

-- ===== packages/prisma/migrations/20240114195534_assign_all_team_members
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "assignAllTeamMembers" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20240116085902_add_pending_payment_column_to_teams
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "pendingPayment" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20240117062434_move_org_metadata_to_org_settings
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "isOrganization" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "OrganizationSettings" (
    "id" SERIAL NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "isOrganizationConfigured" BOOLEAN NOT NULL DEFAULT false,
    "isOrganizationVerified" BOOLEAN NOT NULL DEFAULT false,
    "orgAutoAcceptEmail" TEXT NOT NULL,

    CONSTRAINT "OrganizationSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationSettings_organizationId_key" ON "OrganizationSettings"("organizationId");

-- AddForeignKey
ALTER TABLE "OrganizationSettings" ADD CONSTRAINT "OrganizationSettings_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

--
-- Manually written queries below
--

-- Set team field to notify if it is an organization -> Easier than metadata.parse(X).isOrganization
UPDATE "Team"
    SET "isOrganization" = (metadata ->> 'isOrganization')::BOOLEAN
WHERE
    metadata ->> 'isOrganization' = 'true';

-- Insert data into org settings
INSERT INTO "OrganizationSettings" ("organizationId", "isOrganizationConfigured", "orgAutoAcceptEmail", "isOrganizationVerified")
SELECT
	t.id,
	COALESCE((t.metadata ->> 'isOrganizationConfigured')::BOOLEAN, false) AS "isOrganizationConfigured",
	COALESCE((t.metadata ->> 'orgAutoAcceptEmail'), '') AS "orgAutoAcceptEmail",
	COALESCE((t.metadata ->> 'isOrganizationVerified')::BOOLEAN, false) AS "isOrganizationVerified"
FROM (
	SELECT
		id,
		metadata
	FROM
		"Team"
	WHERE
		metadata ->> 'isOrganization' = 'true'
) AS t;
;

-- ===== packages/prisma/migrations/20240130134919_add_profile_table_and_add_event_type_relation
/*
  Warnings:

  - A unique constraint covering the columns `[movedToProfileId]` on the table `users` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "profileId" INTEGER;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "movedToProfileId" INTEGER;

-- CreateTable
CREATE TABLE "Profile" (
    "id" SERIAL NOT NULL,
    "uid" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "organizationId" INTEGER NOT NULL,
    "username" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Profile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Profile_uid_idx" ON "Profile"("uid");

-- CreateIndex
CREATE INDEX "Profile_userId_idx" ON "Profile"("userId");

-- CreateIndex
CREATE INDEX "Profile_organizationId_idx" ON "Profile"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Profile_userId_organizationId_key" ON "Profile"("userId", "organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "users_movedToProfileId_key" ON "users"("movedToProfileId");

-- AddForeignKey
ALTER TABLE "EventType" ADD CONSTRAINT "EventType_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "Profile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_movedToProfileId_fkey" FOREIGN KEY ("movedToProfileId") REFERENCES "Profile"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Profile" ADD CONSTRAINT "Profile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Profile" ADD CONSTRAINT "Profile_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Copy Data to Profile table
WITH new_profile AS (
  INSERT INTO "Profile" ("uid", "organizationId", "userId", "username", "updatedAt")
  SELECT "id" as "uid", "organizationId", "id" AS "userId", "username",  NOW()
  FROM "users"
  WHERE "organizationId" IS NOT NULL
  RETURNING "uid", "userId", "id"
)
UPDATE "users"
SET "movedToProfileId" = "new_profile"."id"
FROM "new_profile"
WHERE "users"."id" = "new_profile"."userId";
;

-- ===== packages/prisma/migrations/20240131021824_revert_20230404202721_add_feature_flag_managed_event_types
-- revert 20230404202721_add_feature_flag_managed_event_types 

DELETE FROM "Feature" WHERE slug = 'managed-event-types';
;

-- ===== packages/prisma/migrations/20240205185412_add_email_field_in_booking
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "userPrimaryEmail" TEXT;

;

-- ===== packages/prisma/migrations/20240206162624_add_priority_field_to_host
-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "priority" INTEGER;

;

-- ===== packages/prisma/migrations/20240207222843_add_google_watched_calendars
/*
  Warnings:

  - A unique constraint covering the columns `[googleChannelId]` on the table `SelectedCalendar` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "SelectedCalendar" ADD COLUMN     "googleChannelExpiration" TEXT,
ADD COLUMN     "googleChannelId" TEXT,
ADD COLUMN     "googleChannelKind" TEXT,
ADD COLUMN     "googleChannelResourceId" TEXT,
ADD COLUMN     "googleChannelResourceUri" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "SelectedCalendar_googleChannelId_key" ON "SelectedCalendar"("googleChannelId");

;

-- ===== packages/prisma/migrations/20240208075646_use_event_type_destination_calendar
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "useEventTypeDestinationCalendarEmail" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20240209223121_adds_user_password
/*
Warnings:

- You are about to drop the column `password` on the `users` table. All the data in the column will be lost.

 */
-- CreateTable
CREATE TABLE
  "UserPassword" (
    "hash" TEXT NOT NULL,
    "userId" INTEGER NOT NULL
  );

-- CreateIndex
CREATE UNIQUE INDEX "UserPassword_userId_key" ON "UserPassword" ("userId");

-- AddForeignKey
ALTER TABLE "UserPassword" ADD CONSTRAINT "UserPassword_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Inserts current user password into new table
INSERT INTO
  "UserPassword" ("hash", "userId")
SELECT
  u."password",
  u.id
FROM
  users u
WHERE
  u."password" IS NOT NULL;

-- TODO for next migration.
-- ALTER TABLE "users" DROP COLUMN "password";
;

-- ===== packages/prisma/migrations/20240213081819_add_secondary_email
-- CreateTable
CREATE TABLE "SecondaryEmail" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "emailVerified" TIMESTAMP(3),

    CONSTRAINT "SecondaryEmail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SecondaryEmail_userId_idx" ON "SecondaryEmail"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "SecondaryEmail_email_key" ON "SecondaryEmail"("email");

-- CreateIndex
CREATE UNIQUE INDEX "SecondaryEmail_userId_email_key" ON "SecondaryEmail"("userId", "email");

-- AddForeignKey
ALTER TABLE "SecondaryEmail" ADD CONSTRAINT "SecondaryEmail_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240213220617_drop_deprecated_passwords
/*
  Warnings:

  - You are about to drop the column `password` on the `users` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "users" DROP COLUMN "password";

;

-- ===== packages/prisma/migrations/20240214093418_add_banner_url
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "bannerUrl" TEXT;

;

-- ===== packages/prisma/migrations/20240220151951_add_dsync_data
-- CreateTable
CREATE TABLE "DSyncData" (
    "id" SERIAL NOT NULL,
    "directoryId" TEXT NOT NULL,
    "tenant" TEXT NOT NULL,
    "orgId" INTEGER,

    CONSTRAINT "DSyncData_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DSyncData_orgId_key" ON "DSyncData"("orgId");

-- AddForeignKey
ALTER TABLE "DSyncData" ADD CONSTRAINT "DSyncData_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240221051147_link_secondary_email_with_token
-- AlterTable
ALTER TABLE "VerificationToken" ADD COLUMN     "secondaryEmailId" INTEGER;

-- CreateIndex
CREATE INDEX "VerificationToken_secondaryEmailId_idx" ON "VerificationToken"("secondaryEmailId");

-- AddForeignKey
ALTER TABLE "VerificationToken" ADD CONSTRAINT "VerificationToken_secondaryEmailId_fkey" FOREIGN KEY ("secondaryEmailId") REFERENCES "SecondaryEmail"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240222120917_link_secondary_emails_with_events
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "secondaryEmailId" INTEGER;

-- CreateIndex
CREATE INDEX "EventType_secondaryEmailId_idx" ON "EventType"("secondaryEmailId");

-- AddForeignKey
ALTER TABLE "EventType" ADD CONSTRAINT "EventType_secondaryEmailId_fkey" FOREIGN KEY ("secondaryEmailId") REFERENCES "SecondaryEmail"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240223033247_add_dsync_team_group_mapping
-- CreateTable
CREATE TABLE "DSyncTeamGroupMapping" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "teamId" INTEGER NOT NULL,
    "directoryId" TEXT NOT NULL,
    "groupName" TEXT NOT NULL,

    CONSTRAINT "DSyncTeamGroupMapping_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DSyncTeamGroupMapping_teamId_groupName_key" ON "DSyncTeamGroupMapping"("teamId", "groupName");

-- AddForeignKey
ALTER TABLE "DSyncTeamGroupMapping" ADD CONSTRAINT "DSyncTeamGroupMapping_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240226125946_add_idempotency_key
/*
  Warnings:

  - A unique constraint covering the columns `[idempotencyKey]` on the table `Booking` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "idempotencyKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Booking_idempotencyKey_key" ON "Booking"("idempotencyKey");

;

-- ===== packages/prisma/migrations/20240229154858_add_insights_db_indexes
-- CreateIndex
CREATE INDEX "Team_parentId_idx" ON "Team"("parentId");

;

-- ===== packages/prisma/migrations/20240304093822_lock_eventtype_creation_for_orgs
-- AlterTable
ALTER TABLE "OrganizationSettings" ADD COLUMN     "lockEventTypeCreationForUsers" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20240305054507_add_reasons_to_out_of_office_entries
-- AlterTable
ALTER TABLE "OutOfOfficeEntry" ADD COLUMN     "reasonId" INTEGER;

-- CreateTable
CREATE TABLE "OutOfOfficeReason" (
    "id" SERIAL NOT NULL,
    "emoji" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "userId" INTEGER,

    CONSTRAINT "OutOfOfficeReason_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OutOfOfficeReason_reason_key" ON "OutOfOfficeReason"("reason");

-- AddForeignKey
ALTER TABLE "OutOfOfficeEntry" ADD CONSTRAINT "OutOfOfficeEntry_reasonId_fkey" FOREIGN KEY ("reasonId") REFERENCES "OutOfOfficeReason"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutOfOfficeReason" ADD CONSTRAINT "OutOfOfficeReason_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
;

-- ===== packages/prisma/migrations/20240305054508_default_reasons_out_of_office
-- Seed data for stock reasons
INSERT INTO "OutOfOfficeReason" ("emoji", "reason", "enabled") VALUES ('🕒', 'ooo_reasons_unspecified', true);
INSERT INTO "OutOfOfficeReason" ("emoji", "reason", "enabled") VALUES ('🏝️', 'ooo_reasons_vacation', true);
INSERT INTO "OutOfOfficeReason" ("emoji", "reason", "enabled") VALUES ('🛫', 'ooo_reasons_travel', true);
INSERT INTO "OutOfOfficeReason" ("emoji", "reason", "enabled") VALUES ('🤒', 'ooo_reasons_sick_leave', true);
INSERT INTO "OutOfOfficeReason" ("emoji", "reason", "enabled") VALUES ('📅', 'ooo_reasons_public_holiday', true);
;

-- ===== packages/prisma/migrations/20240306041233_move_dsyncdata_to_organization_settings
-- DropForeignKey
ALTER TABLE "DSyncData" DROP CONSTRAINT "DSyncData_orgId_fkey";

-- AddForeignKey
ALTER TABLE "DSyncData" ADD CONSTRAINT "DSyncData_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "OrganizationSettings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240307200336_rename_dsync_org_id_to_organization_id
/*
  Warnings:

  - You are about to drop the column `orgId` on the `DSyncData` table. All the data in the column will be lost.
  - A unique constraint covering the columns `[organizationId]` on the table `DSyncData` will be added. If there are existing duplicate values, this will fail.

*/
-- DropForeignKey
ALTER TABLE "DSyncData" DROP CONSTRAINT "DSyncData_orgId_fkey";

-- DropIndex
DROP INDEX "DSyncData_orgId_key";

-- AlterTable
ALTER TABLE "DSyncData" DROP COLUMN "orgId",
ADD COLUMN     "organizationId" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "DSyncData_organizationId_key" ON "DSyncData"("organizationId");

-- AddForeignKey
ALTER TABLE "DSyncData" ADD CONSTRAINT "DSyncData_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "OrganizationSettings"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240307203026_rename_team_group_mapping_org_id_to_organization_id
/*
  Warnings:

  - You are about to drop the column `orgId` on the `DSyncTeamGroupMapping` table. All the data in the column will be lost.
  - Added the required column `organizationId` to the `DSyncTeamGroupMapping` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "DSyncTeamGroupMapping" DROP COLUMN "orgId",
ADD COLUMN     "organizationId" INTEGER NOT NULL;

;

-- ===== packages/prisma/migrations/20240308211937_add_notes_field_to_ooo_entry
-- AlterTable
ALTER TABLE "OutOfOfficeEntry" ADD COLUMN     "notes" TEXT;

;

-- ===== packages/prisma/migrations/20240308214010_add_is_banner_in_avatar
/*
  Warnings:

  - A unique constraint covering the columns `[teamId,userId,isBanner]` on the table `avatars` will be added. If there are existing duplicate values, this will fail.

*/
-- DropIndex
DROP INDEX "avatars_teamId_userId_key";

-- AlterTable
ALTER TABLE "avatars" ADD COLUMN     "isBanner" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "avatars_teamId_userId_isBanner_key" ON "avatars"("teamId", "userId", "isBanner");

;

-- ===== packages/prisma/migrations/20240313151954_connect_dsync_data_to_org_settings_org_id
/*
  Warnings:

  - A unique constraint covering the columns `[directoryId]` on the table `DSyncData` will be added. If there are existing duplicate values, this will fail.

*/
-- DropForeignKey
ALTER TABLE "DSyncData" DROP CONSTRAINT "DSyncData_organizationId_fkey";

-- CreateIndex
CREATE UNIQUE INDEX "DSyncData_directoryId_key" ON "DSyncData"("directoryId");

-- AddForeignKey
ALTER TABLE "DSyncData" ADD CONSTRAINT "DSyncData_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "OrganizationSettings"("organizationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DSyncTeamGroupMapping" ADD CONSTRAINT "DSyncTeamGroupMapping_directoryId_fkey" FOREIGN KEY ("directoryId") REFERENCES "DSyncData"("directoryId") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240314152130_platform_wide_webhooks
-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "platform" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20240318085938_add_provider_email
-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "providerEmail" TEXT;

;

-- ===== packages/prisma/migrations/20240319144740_platform
-- CreateTable
CREATE TABLE "platform_oauth_clients" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "permissions" INTEGER NOT NULL,
    "logo" TEXT,
    "redirect_uris" TEXT[],
    "organization_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_oauth_clients_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform_authorization_token" (
    "id" TEXT NOT NULL,
    "platform_oauth_client_id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "platform_authorization_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform_access_tokens" (
    "id" SERIAL NOT NULL,
    "secret" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "platform_oauth_client_id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,

    CONSTRAINT "platform_access_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "platform_refresh_token" (
    "id" SERIAL NOT NULL,
    "secret" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "platform_oauth_client_id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,

    CONSTRAINT "platform_refresh_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_PlatformOAuthClientToUser" (
    "A" TEXT NOT NULL,
    "B" INTEGER NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "platform_authorization_token_user_id_platform_oauth_client__key" ON "platform_authorization_token"("user_id", "platform_oauth_client_id");

-- CreateIndex
CREATE UNIQUE INDEX "platform_access_tokens_secret_key" ON "platform_access_tokens"("secret");

-- CreateIndex
CREATE UNIQUE INDEX "platform_refresh_token_secret_key" ON "platform_refresh_token"("secret");

-- CreateIndex
CREATE UNIQUE INDEX "_PlatformOAuthClientToUser_AB_unique" ON "_PlatformOAuthClientToUser"("A", "B");

-- CreateIndex
CREATE INDEX "_PlatformOAuthClientToUser_B_index" ON "_PlatformOAuthClientToUser"("B");

-- AddForeignKey
ALTER TABLE "platform_oauth_clients" ADD CONSTRAINT "platform_oauth_clients_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "platform_authorization_token" ADD CONSTRAINT "platform_authorization_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "platform_authorization_token" ADD CONSTRAINT "platform_authorization_token_platform_oauth_client_id_fkey" FOREIGN KEY ("platform_oauth_client_id") REFERENCES "platform_oauth_clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "platform_access_tokens" ADD CONSTRAINT "platform_access_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "platform_access_tokens" ADD CONSTRAINT "platform_access_tokens_platform_oauth_client_id_fkey" FOREIGN KEY ("platform_oauth_client_id") REFERENCES "platform_oauth_clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "platform_refresh_token" ADD CONSTRAINT "platform_refresh_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "platform_refresh_token" ADD CONSTRAINT "platform_refresh_token_platform_oauth_client_id_fkey" FOREIGN KEY ("platform_oauth_client_id") REFERENCES "platform_oauth_clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_PlatformOAuthClientToUser" ADD CONSTRAINT "_PlatformOAuthClientToUser_A_fkey" FOREIGN KEY ("A") REFERENCES "platform_oauth_clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_PlatformOAuthClientToUser" ADD CONSTRAINT "_PlatformOAuthClientToUser_B_fkey" FOREIGN KEY ("B") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240321143215_move_avatars_cols_to_avatar_table
DO $$
DECLARE
    cur CURSOR FOR SELECT "id", "avatar" FROM "users" WHERE "avatar" IS NOT NULL AND "avatar" != '';
    rec RECORD;
    objectKey UUID;
BEGIN
    OPEN cur;

    LOOP
        FETCH cur INTO rec;
        EXIT WHEN NOT FOUND;

        objectKey := gen_random_uuid();

        BEGIN
            INSERT INTO "avatars" ("userId", "data", "objectKey", "teamId")
            VALUES (rec."id", rec."avatar", objectKey, 0)
            ON CONFLICT ("teamId", "userId", "isBanner") DO NOTHING;

            UPDATE "users"
            SET "avatarUrl" = '/api/avatar/' || objectKey || '.png'
            WHERE "id" = rec."id";
        EXCEPTION WHEN UNIQUE_VIOLATION THEN
            -- If there's a unique violation error, do nothing.
        END;
    END LOOP;

    CLOSE cur;
END $$;

BEGIN;

WITH inserted_avatars AS (
    SELECT t."id", t."logo" as "data", gen_random_uuid() AS "objectKey"
    FROM "Team" t WHERE t."logo" IS NOT NULL AND t."logo" != ''
),
inserted AS (
    INSERT INTO "avatars" ("teamId", "data", "objectKey", "userId")
    SELECT "id", "data", "objectKey", 0 AS "userId"
    FROM inserted_avatars
    ON CONFLICT ("teamId", "userId", "isBanner") DO NOTHING
    RETURNING "teamId", "objectKey"
)
UPDATE "Team" t
SET "logoUrl" = '/api/avatar/' || i."objectKey" || '.png'
FROM inserted i
WHERE t."id" = i."teamId";

COMMIT;
;

-- ===== packages/prisma/migrations/20240321153033_add_travel_schedules
-- CreateTable
CREATE TABLE "TravelSchedule" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "timeZone" TEXT NOT NULL,
    "startDate" TIMESTAMP(3) NOT NULL,
    "endDate" TIMESTAMP(3),
    "prevTimeZone" TEXT,

    CONSTRAINT "TravelSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TravelSchedule_startDate_idx" ON "TravelSchedule"("startDate");

-- CreateIndex
CREATE INDEX "TravelSchedule_endDate_idx" ON "TravelSchedule"("endDate");

-- AddForeignKey
ALTER TABLE "TravelSchedule" ADD CONSTRAINT "TravelSchedule_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240322152654_add_webhook_to_scheduled_webhook_triggers
-- AlterTable
ALTER TABLE "WebhookScheduledTriggers" ADD COLUMN     "webhookId" TEXT;

-- AddForeignKey
ALTER TABLE "WebhookScheduledTriggers" ADD CONSTRAINT "WebhookScheduledTriggers_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240325082604_add_is_platform_flag_to_team
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "isPlatform" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20240325162556_add_user_is_platform_managed
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "isPlatformManaged" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20240327121006_added_rating_workflow_template
-- AlterEnum
ALTER TYPE "WorkflowTemplates" ADD VALUE 'RATING';

;

-- ===== packages/prisma/migrations/20240327130910_added_rating_feedback_and_noshowhost_for_booking
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "noShowHost" BOOLEAN,
ADD COLUMN     "rating" INTEGER,
ADD COLUMN     "ratingFeedback" TEXT;

;

-- ===== packages/prisma/migrations/20240327153218_adds_tasker_feature
-- CreateTable
CREATE TABLE "Task" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "scheduledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "succeededAt" TIMESTAMP(3),
    "type" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 3,
    "lastError" TEXT,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Task_id_key" ON "Task"("id");

;

-- ===== packages/prisma/migrations/20240327165803_forward_parameters_on_success_redirect
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "forwardParamsSuccessRedirect" BOOLEAN DEFAULT true;

;

-- ===== packages/prisma/migrations/20240328080307_add_ai_phone_call_config
-- CreateTable
CREATE TABLE "AIPhoneCallConfiguration" (
    "id" SERIAL NOT NULL,
    "eventTypeId" INTEGER NOT NULL,
    "generalPrompt" TEXT NOT NULL,
    "yourPhoneNumber" TEXT NOT NULL,
    "numberToCall" TEXT NOT NULL,
    "guestName" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "beginMessage" TEXT,
    "llmId" TEXT,

    CONSTRAINT "AIPhoneCallConfiguration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AIPhoneCallConfiguration_eventTypeId_idx" ON "AIPhoneCallConfiguration"("eventTypeId");

-- CreateIndex
CREATE UNIQUE INDEX "AIPhoneCallConfiguration_eventTypeId_key" ON "AIPhoneCallConfiguration"("eventTypeId");

-- AddForeignKey
ALTER TABLE "AIPhoneCallConfiguration" ADD CONSTRAINT "AIPhoneCallConfiguration_eventTypeId_fkey" FOREIGN KEY ("eventTypeId") REFERENCES "EventType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240329084749_platform_snake_case_to_pascal_case
/*
  Warnings:

  - You are about to drop the `platform_access_tokens` table. If the table is not empty, all the data it contains will be lost.
  - You are about to drop the `platform_authorization_token` table. If the table is not empty, all the data it contains will be lost.
  - You are about to drop the `platform_oauth_clients` table. If the table is not empty, all the data it contains will be lost.
  - You are about to drop the `platform_refresh_token` table. If the table is not empty, all the data it contains will be lost.

*/
-- DropForeignKey
ALTER TABLE "_PlatformOAuthClientToUser" DROP CONSTRAINT "_PlatformOAuthClientToUser_A_fkey";

-- DropForeignKey
ALTER TABLE "platform_access_tokens" DROP CONSTRAINT "platform_access_tokens_platform_oauth_client_id_fkey";

-- DropForeignKey
ALTER TABLE "platform_access_tokens" DROP CONSTRAINT "platform_access_tokens_user_id_fkey";

-- DropForeignKey
ALTER TABLE "platform_authorization_token" DROP CONSTRAINT "platform_authorization_token_platform_oauth_client_id_fkey";

-- DropForeignKey
ALTER TABLE "platform_authorization_token" DROP CONSTRAINT "platform_authorization_token_user_id_fkey";

-- DropForeignKey
ALTER TABLE "platform_oauth_clients" DROP CONSTRAINT "platform_oauth_clients_organization_id_fkey";

-- DropForeignKey
ALTER TABLE "platform_refresh_token" DROP CONSTRAINT "platform_refresh_token_platform_oauth_client_id_fkey";

-- DropForeignKey
ALTER TABLE "platform_refresh_token" DROP CONSTRAINT "platform_refresh_token_user_id_fkey";

-- DropTable
DROP TABLE "platform_access_tokens";

-- DropTable
DROP TABLE "platform_authorization_token";

-- DropTable
DROP TABLE "platform_oauth_clients";

-- DropTable
DROP TABLE "platform_refresh_token";

-- CreateTable
CREATE TABLE "PlatformOAuthClient" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "permissions" INTEGER NOT NULL,
    "logo" TEXT,
    "redirectUris" TEXT[],
    "organizationId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlatformOAuthClient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlatformAuthorizationToken" (
    "id" TEXT NOT NULL,
    "platformOAuthClientId" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlatformAuthorizationToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessToken" (
    "id" SERIAL NOT NULL,
    "secret" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "platformOAuthClientId" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,

    CONSTRAINT "AccessToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RefreshToken" (
    "id" SERIAL NOT NULL,
    "secret" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "platformOAuthClientId" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,

    CONSTRAINT "RefreshToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PlatformAuthorizationToken_userId_platformOAuthClientId_key" ON "PlatformAuthorizationToken"("userId", "platformOAuthClientId");

-- CreateIndex
CREATE UNIQUE INDEX "AccessToken_secret_key" ON "AccessToken"("secret");

-- CreateIndex
CREATE UNIQUE INDEX "RefreshToken_secret_key" ON "RefreshToken"("secret");

-- AddForeignKey
ALTER TABLE "PlatformOAuthClient" ADD CONSTRAINT "PlatformOAuthClient_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlatformAuthorizationToken" ADD CONSTRAINT "PlatformAuthorizationToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlatformAuthorizationToken" ADD CONSTRAINT "PlatformAuthorizationToken_platformOAuthClientId_fkey" FOREIGN KEY ("platformOAuthClientId") REFERENCES "PlatformOAuthClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessToken" ADD CONSTRAINT "AccessToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccessToken" ADD CONSTRAINT "AccessToken_platformOAuthClientId_fkey" FOREIGN KEY ("platformOAuthClientId") REFERENCES "PlatformOAuthClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RefreshToken" ADD CONSTRAINT "RefreshToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RefreshToken" ADD CONSTRAINT "RefreshToken_platformOAuthClientId_fkey" FOREIGN KEY ("platformOAuthClientId") REFERENCES "PlatformOAuthClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_PlatformOAuthClientToUser" ADD CONSTRAINT "_PlatformOAuthClientToUser_A_fkey" FOREIGN KEY ("A") REFERENCES "PlatformOAuthClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240401034329_add_admin_review_org
-- AlterTable
ALTER TABLE "OrganizationSettings" ADD COLUMN     "isAdminReviewed" BOOLEAN NOT NULL DEFAULT false;

-- User written Query: Update OrganizationSettings table to mark all existing organizations as reviewed as all organizations are created by ADMIN only so far. 
UPDATE "OrganizationSettings" SET "isAdminReviewed" = true;

;

-- ===== packages/prisma/migrations/20240404092234_add_guest_company_and_email
/*
  Warnings:

  - Added the required column `guestCompany` to the `AIPhoneCallConfiguration` table without a default value. This is not possible if the table is not empty.
  - Added the required column `guestEmail` to the `AIPhoneCallConfiguration` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "AIPhoneCallConfiguration" ADD COLUMN     "guestCompany" TEXT NOT NULL,
ADD COLUMN     "guestEmail" TEXT NOT NULL;

;

-- ===== packages/prisma/migrations/20240405142908_make_guest_company_and_email_optional
-- AlterTable
ALTER TABLE "AIPhoneCallConfiguration" ALTER COLUMN "guestCompany" DROP NOT NULL,
ALTER COLUMN "guestEmail" DROP NOT NULL;

;

-- ===== packages/prisma/migrations/20240408155446_add_phone_number_in_attendee
-- AlterTable
ALTER TABLE "Attendee" ADD COLUMN     "phoneNumber" TEXT;

;

-- ===== packages/prisma/migrations/20240411114622_platform_urls_emails
-- AlterTable
ALTER TABLE "PlatformOAuthClient" ADD COLUMN     "areEmailsEnabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "bookingCancelRedirectUri" TEXT,
ADD COLUMN     "bookingRedirectUri" TEXT,
ADD COLUMN     "bookingRescheduleRedirectUri" TEXT;

;

-- ===== packages/prisma/migrations/20240417175106_add_sms_lock_state
-- CreateEnum
CREATE TYPE "SMSLockState" AS ENUM ('LOCKED', 'UNLOCKED', 'REVIEW_NEEDED');

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "smsLockState" "SMSLockState" NOT NULL DEFAULT 'UNLOCKED';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "smsLockState" "SMSLockState" NOT NULL DEFAULT 'UNLOCKED';

;

-- ===== packages/prisma/migrations/20240419114622_add_ratings_to_insights
CREATE OR REPLACE VIEW public."BookingTimeStatus"
AS
SELECT 
    "Booking".id,
    "Booking".uid,
    "Booking"."eventTypeId",
    "Booking".title,
    "Booking".description,
    "Booking"."startTime",
    "Booking"."endTime",
    "Booking"."createdAt",
    "Booking".location,
    "Booking".paid,
    "Booking".status,
    "Booking".rescheduled,
    "Booking"."userId",
    et."teamId",
    et.length AS "eventLength",
    CASE
        WHEN "Booking".rescheduled IS TRUE THEN 'rescheduled'::text
        WHEN "Booking".status = 'cancelled'::"BookingStatus" AND "Booking".rescheduled IS NULL THEN 'cancelled'::text
        WHEN "Booking"."endTime" < now() THEN 'completed'::text
        WHEN "Booking"."endTime" > now() THEN 'uncompleted'::text
        ELSE NULL::text
    END AS "timeStatus",
    et."parentId" AS "eventParentId",
    "u"."email" AS "userEmail",
    "u"."username" AS "username",
    "Booking"."ratingFeedback",
    "Booking"."rating",
    "Booking"."noShowHost"
FROM "Booking"
LEFT JOIN "EventType" et ON "Booking"."eventTypeId" = et.id
LEFT JOIN users u ON u.id = "Booking"."userId";

;

-- ===== packages/prisma/migrations/20240425121424_platform_billing
-- CreateTable
CREATE TABLE "PlatformBilling" (
    "id" INTEGER NOT NULL,
    "customerId" TEXT NOT NULL,
    "plan" TEXT NOT NULL DEFAULT 'none',
    "subscriptionId" TEXT,
    "billingCycleStart" INTEGER,
    "billingCycleEnd" INTEGER,
    "overdue" BOOLEAN DEFAULT false,

    CONSTRAINT "PlatformBilling_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PlatformBilling_id_key" ON "PlatformBilling"("id");

-- CreateIndex
CREATE UNIQUE INDEX "PlatformBilling_customerId_key" ON "PlatformBilling"("customerId");

-- AddForeignKey
ALTER TABLE "PlatformBilling" ADD CONSTRAINT "PlatformBilling_id_fkey" FOREIGN KEY ("id") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240429100018_add_org_admin_no_slots_notification
-- AlterTable
ALTER TABLE "OrganizationSettings" ADD COLUMN     "adminGetsNoSlotsNotification" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20240502213807_add_webhook_scheduled_triggers_to_bookings
-- AlterTable
ALTER TABLE "WebhookScheduledTriggers" ADD COLUMN     "appId" TEXT,
ADD COLUMN     "bookingId" INTEGER,
ALTER COLUMN "jobName" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "WebhookScheduledTriggers" ADD CONSTRAINT "WebhookScheduledTriggers_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240506065443_added_notifications_subscriptions_table
-- CreateTable
CREATE TABLE "NotificationsSubscriptions" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "subscription" TEXT NOT NULL,

    CONSTRAINT "NotificationsSubscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NotificationsSubscriptions_userId_subscription_idx" ON "NotificationsSubscriptions"("userId", "subscription");

-- AddForeignKey
ALTER TABLE "NotificationsSubscriptions" ADD CONSTRAINT "NotificationsSubscriptions_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240506101739_add_rolling_window_period_type
-- AlterEnum
ALTER TYPE "PeriodType" ADD VALUE 'rolling_window';

;

-- ===== packages/prisma/migrations/20240508134359_add_retry_count_to_workflow_reminder
-- AlterTable
ALTER TABLE "WorkflowReminder" ADD COLUMN     "retryCount" INTEGER NOT NULL DEFAULT 0;

;

-- ===== packages/prisma/migrations/20240513101457_add_verified_emails
-- CreateTable
CREATE TABLE "VerifiedEmail" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER,
    "teamId" INTEGER,
    "email" TEXT NOT NULL,

    CONSTRAINT "VerifiedEmail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VerifiedEmail_userId_idx" ON "VerifiedEmail"("userId");

-- CreateIndex
CREATE INDEX "VerifiedEmail_teamId_idx" ON "VerifiedEmail"("teamId");

-- AddForeignKey
ALTER TABLE "VerifiedEmail" ADD CONSTRAINT "VerifiedEmail_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VerifiedEmail" ADD CONSTRAINT "VerifiedEmail_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240517144241_add_org_wide_workflows
-- DropForeignKey
ALTER TABLE "WorkflowReminder" DROP CONSTRAINT "WorkflowReminder_workflowStepId_fkey";

-- AlterTable
ALTER TABLE "Workflow" ADD COLUMN     "isActiveOnAll" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "WorkflowsOnTeams" (
    "id" SERIAL NOT NULL,
    "workflowId" INTEGER NOT NULL,
    "teamId" INTEGER NOT NULL,

    CONSTRAINT "WorkflowsOnTeams_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WorkflowsOnTeams_workflowId_idx" ON "WorkflowsOnTeams"("workflowId");

-- CreateIndex
CREATE INDEX "WorkflowsOnTeams_teamId_idx" ON "WorkflowsOnTeams"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkflowsOnTeams_workflowId_teamId_key" ON "WorkflowsOnTeams"("workflowId", "teamId");

-- AddForeignKey
ALTER TABLE "WorkflowsOnTeams" ADD CONSTRAINT "WorkflowsOnTeams_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowsOnTeams" ADD CONSTRAINT "WorkflowsOnTeams_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkflowReminder" ADD CONSTRAINT "WorkflowReminder_workflowStepId_fkey" FOREIGN KEY ("workflowStepId") REFERENCES "WorkflowStep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240531082824_add_meeting_attendee_no_show_column
-- AlterTable
ALTER TABLE "Attendee" ADD COLUMN     "noShow" BOOLEAN DEFAULT false;

;

-- ===== packages/prisma/migrations/20240605135455_rescheduled_by_and_cancelled_by_for_bookings
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "cancelledBy" TEXT,
ADD COLUMN     "rescheduledBy" TEXT;

;

-- ===== packages/prisma/migrations/20240607082125_removal_of_logo_and_avatar
/*
  Warnings:

  - You are about to drop the column `logo` on the `Team` table. All the data in the column will be lost.
  - You are about to drop the column `avatar` on the `users` table. All the data in the column will be lost.
  - You are about to drop the column `away` on the `users` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "Team" DROP COLUMN "logo";

-- AlterTable
ALTER TABLE "users" DROP COLUMN "avatar",
DROP COLUMN "away";

;

-- ===== packages/prisma/migrations/20240610084425_add_cal_ai_template
-- AlterTable
ALTER TABLE "AIPhoneCallConfiguration" ADD COLUMN     "schedulerName" TEXT,
ADD COLUMN     "templateType" TEXT NOT NULL DEFAULT 'CUSTOM_TEMPLATE',
ALTER COLUMN "generalPrompt" DROP NOT NULL,
ALTER COLUMN "guestName" DROP NOT NULL;

;

-- ===== packages/prisma/migrations/20240611054408_add_ooo_created_as_webhook_enum
-- AlterEnum
ALTER TYPE "WebhookTriggerEvents" ADD VALUE 'OOO_CREATED';

;

-- ===== packages/prisma/migrations/20240619195146_add_booking_no_show_updated_webhook
-- AlterEnum
ALTER TYPE "WebhookTriggerEvents" ADD VALUE 'BOOKING_NO_SHOW_UPDATED';

;

-- ===== packages/prisma/migrations/20240624195855_add_instant_meeting_expiry_offset
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "instantMeetingExpiryTimeOffsetInSeconds" INTEGER NOT NULL DEFAULT 90;

;

-- ===== packages/prisma/migrations/20240626171118_add_weights_to_host
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "isRRWeightsEnabled" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "weight" INTEGER,
ADD COLUMN     "weightAdjustment" INTEGER;

;

-- ===== packages/prisma/migrations/20240626191137_add_recording_transcription_ready_webhook
-- AlterEnum
ALTER TYPE "WebhookTriggerEvents" ADD VALUE 'RECORDING_TRANSCRIPTION_GENERATED';

;

-- ===== packages/prisma/migrations/20240627170642_host_schedule
-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "scheduleId" INTEGER;

-- CreateIndex
CREATE INDEX "Host_scheduleId_idx" ON "Host"("scheduleId");

-- AddForeignKey
ALTER TABLE "Host" ADD CONSTRAINT "Host_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "Schedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240711080953_unique_username_in_org
/*
  Warnings:

  - A unique constraint covering the columns `[username,organizationId]` on the table `Profile` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateIndex
CREATE UNIQUE INDEX "Profile_username_organizationId_key" ON "Profile"("username", "organizationId");

;

-- ===== packages/prisma/migrations/20240712162735_default_no_show_host_to_false
-- AlterTable
ALTER TABLE "Booking" ALTER COLUMN "noShowHost" SET DEFAULT false;

;

-- ===== packages/prisma/migrations/20240722105401_add_is_admin_api_enabled_organization_setting
-- AlterTable
ALTER TABLE "OrganizationSettings" ADD COLUMN     "isAdminAPIEnabled" BOOLEAN NOT NULL DEFAULT false;

-- User written Query: Update OrganizationSettings table to mark all existing organizations to have AdminAPI Enabled to not lose functionality.
UPDATE "OrganizationSettings" SET "isAdminAPIEnabled" = true;
;

-- ===== packages/prisma/migrations/20240724124035_update_null_no_show_host_to_false
UPDATE "Booking"
SET "noShowHost" = false
WHERE "noShowHost" IS NULL;
;

-- ===== packages/prisma/migrations/20240730122536_add_created_by_oauth_client_to_org_teams
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "createdByOAuthClientId" TEXT;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_createdByOAuthClientId_fkey" FOREIGN KEY ("createdByOAuthClientId") REFERENCES "PlatformOAuthClient"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240730142744_delete_platform_team_when_oauth_client_deleted
-- DropForeignKey
ALTER TABLE "Team" DROP CONSTRAINT "Team_createdByOAuthClientId_fkey";

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_createdByOAuthClientId_fkey" FOREIGN KEY ("createdByOAuthClientId") REFERENCES "PlatformOAuthClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240802053512_allow_rescheduling_with_same_round_robin_host
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "rescheduleWithSameRoundRobinHost" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20240802124001_webhooks_oauth_client
/*
  Warnings:

  - A unique constraint covering the columns `[platformOAuthClientId,subscriberUrl]` on the table `Webhook` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "platformOAuthClientId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Webhook_platformOAuthClientId_subscriberUrl_key" ON "Webhook"("platformOAuthClientId", "subscriberUrl");

-- AddForeignKey
ALTER TABLE "Webhook" ADD CONSTRAINT "Webhook_platformOAuthClientId_fkey" FOREIGN KEY ("platformOAuthClientId") REFERENCES "PlatformOAuthClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240804185106_add_sms_lock_reviewed_by_admin_flag_in_user_and_team_table
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "smsLockReviewedByAdmin" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "smsLockReviewedByAdmin" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20240808084028_add_attribute_tables
-- CreateEnum
CREATE TYPE "AttributeType" AS ENUM ('TEXT', 'NUMBER', 'SINGLE_SELECT', 'MULTI_SELECT');

-- CreateTable
CREATE TABLE "AttributeOption" (
    "id" TEXT NOT NULL,
    "attributeId" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "slug" TEXT NOT NULL,

    CONSTRAINT "AttributeOption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attribute" (
    "id" TEXT NOT NULL,
    "teamId" INTEGER NOT NULL,
    "type" "AttributeType" NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "usersCanEditRelation" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Attribute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttributeToUser" (
    "id" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,
    "attributeOptionId" TEXT NOT NULL,

    CONSTRAINT "AttributeToUser_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AttributeOption_attributeId_value_key" ON "AttributeOption"("attributeId", "value");

-- CreateIndex
CREATE UNIQUE INDEX "Attribute_slug_key" ON "Attribute"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "AttributeToUser_memberId_attributeOptionId_key" ON "AttributeToUser"("memberId", "attributeOptionId");

-- AddForeignKey
ALTER TABLE "AttributeOption" ADD CONSTRAINT "AttributeOption_attributeId_fkey" FOREIGN KEY ("attributeId") REFERENCES "Attribute"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attribute" ADD CONSTRAINT "Attribute_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttributeToUser" ADD CONSTRAINT "AttributeToUser_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Membership"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttributeToUser" ADD CONSTRAINT "AttributeToUser_attributeOptionId_fkey" FOREIGN KEY ("attributeOptionId") REFERENCES "AttributeOption"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240810164200_event_type_color
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "eventTypeColor" JSONB;

;

-- ===== packages/prisma/migrations/20240813102151_add_allow_seo_indexing_and_org_profile_redirects_to_verified_domain_to_organization_settings_table
-- AlterTable
ALTER TABLE "OrganizationSettings" ADD COLUMN     "allowSEOIndexing" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "orgProfileRedirectsToVerifiedDomain" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20240816083533_attribute_feature_flag
INSERT INTO
  "Feature" (slug, enabled, description, "type")
VALUES
  (
    'attributes',
    false,
    'Enable attributes - Custom fields for users and teams.',
    'OPERATIONAL'
  ) ON CONFLICT (slug) DO NOTHING;

;

-- ===== packages/prisma/migrations/20240816160101_support_multiple_hashed_links_for_an_event_type
-- DropIndex
DROP INDEX "HashedLink_eventTypeId_key";

;

-- ===== packages/prisma/migrations/20240823033245_booking_one_time_password
/*
  Warnings:

  - A unique constraint covering the columns `[oneTimePassword]` on the table `Booking` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "oneTimePassword" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Booking_oneTimePassword_key" ON "Booking"("oneTimePassword");

;

-- ===== packages/prisma/migrations/20240823092832_add_requires_confirmation_will_block_slot
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "requiresConfirmationWillBlockSlot" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20240830084943_add_instant_meeting_schedule
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "instantMeetingScheduleId" INTEGER;

-- AddForeignKey
ALTER TABLE "EventType" ADD CONSTRAINT "EventType_instantMeetingScheduleId_fkey" FOREIGN KEY ("instantMeetingScheduleId") REFERENCES "Schedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240909084221_add_referal_link_id
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "referralLinkId" TEXT;

;

-- ===== packages/prisma/migrations/20240909162522_union_insights_data
CREATE OR REPLACE VIEW public."BookingTimeStatus"
AS
SELECT
    "Booking".id,
    "Booking".uid,
    "Booking"."eventTypeId",
    "Booking".title,
    "Booking".description,
    "Booking"."startTime",
    "Booking"."endTime",
    "Booking"."createdAt",
    "Booking".location,
    "Booking".paid,
    "Booking".status,
    "Booking".rescheduled,
    "Booking"."userId",
    et."teamId",
    et.length AS "eventLength",
    CASE
        WHEN "Booking".rescheduled IS TRUE THEN 'rescheduled'::text
        WHEN "Booking".status = 'cancelled'::"BookingStatus" AND "Booking".rescheduled IS NULL THEN 'cancelled'::text
        WHEN "Booking"."endTime" < now() THEN 'completed'::text
        WHEN "Booking"."endTime" > now() THEN 'uncompleted'::text
        ELSE NULL::text
    END AS "timeStatus",
    et."parentId" AS "eventParentId",
    "u"."email" AS "userEmail",
    "u"."username" AS "username",
    "Booking"."ratingFeedback",
    "Booking"."rating",
    "Booking"."noShowHost",
    false as "isTeamBooking"
FROM "Booking"
LEFT JOIN "EventType" et ON "Booking"."eventTypeId" = et.id
LEFT JOIN users u ON u.id = "Booking"."userId"
WHERE et."teamId" IS NULL
UNION
SELECT
    "Booking".id,
    "Booking".uid,
    "Booking"."eventTypeId",
    "Booking".title,
    "Booking".description,
    "Booking"."startTime",
    "Booking"."endTime",
    "Booking"."createdAt",
    "Booking".location,
    "Booking".paid,
    "Booking".status,
    "Booking".rescheduled,
    "Booking"."userId",
    et."teamId",
    et.length AS "eventLength",
    CASE
        WHEN "Booking".rescheduled IS TRUE THEN 'rescheduled'::text
        WHEN "Booking".status = 'cancelled'::"BookingStatus" AND "Booking".rescheduled IS NULL THEN 'cancelled'::text
        WHEN "Booking"."endTime" < now() THEN 'completed'::text
        WHEN "Booking"."endTime" > now() THEN 'uncompleted'::text
        ELSE NULL::text
    END AS "timeStatus",
    et."parentId" AS "eventParentId",
    "u"."email" AS "userEmail",
    "u"."username" AS "username",
    "Booking"."ratingFeedback",
    "Booking"."rating",
    "Booking"."noShowHost",
    true as "isTeamBooking"
FROM "Booking"
LEFT JOIN "EventType" et ON "Booking"."eventTypeId" = et.id
LEFT JOIN users u ON u.id = "Booking"."userId"
WHERE "et"."teamId" IS NOT NULL

;

-- ===== packages/prisma/migrations/20240912150824_add_booking_limits_to_team
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "bookingLimits" JSONB;

;

-- ===== packages/prisma/migrations/20240918202101_adds_per_user_and_team_feature_flags
-- CreateTable
CREATE TABLE "UserFeatures" (
    "userId" INTEGER NOT NULL,
    "featureId" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assignedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UserFeatures_pkey" PRIMARY KEY ("userId","featureId")
);

-- CreateTable
CREATE TABLE "TeamFeatures" (
    "teamId" INTEGER NOT NULL,
    "featureId" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "assignedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TeamFeatures_pkey" PRIMARY KEY ("teamId","featureId")
);

-- AddForeignKey
ALTER TABLE "UserFeatures" ADD CONSTRAINT "UserFeatures_userId_fkey" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserFeatures" ADD CONSTRAINT "UserFeatures_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "Feature"("slug") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamFeatures" ADD CONSTRAINT "TeamFeatures_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamFeatures" ADD CONSTRAINT "TeamFeatures_featureId_fkey" FOREIGN KEY ("featureId") REFERENCES "Feature"("slug") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240920000000_adds_feature_flag_organizer_request_email_v2
INSERT INTO
  "Feature" (slug, enabled, description, "type")
VALUES
  (
    'organizer-request-email-v2',
    false,
    'Enable confirmation email with built-in rejection form',
    'OPERATIONAL'
  ) ON CONFLICT (slug) DO NOTHING;

;

-- ===== packages/prisma/migrations/20240920100549_add_daily_no_show
-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "WorkflowTriggerEvents" ADD VALUE 'AFTER_HOSTS_CAL_VIDEO_NO_SHOW';
ALTER TYPE "WorkflowTriggerEvents" ADD VALUE 'AFTER_GUESTS_CAL_VIDEO_NO_SHOW';

;

-- ===== packages/prisma/migrations/20240920192534_add_no_show_daily_webhook_trigger
-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "WebhookTriggerEvents" ADD VALUE 'AFTER_HOSTS_CAL_VIDEO_NO_SHOW';
ALTER TYPE "WebhookTriggerEvents" ADD VALUE 'AFTER_GUESTS_CAL_VIDEO_NO_SHOW';

;

-- ===== packages/prisma/migrations/20240920195815_add_time_unit_in_webhooks
-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "time" INTEGER,
ADD COLUMN     "timeUnit" "TimeUnit";

;

-- ===== packages/prisma/migrations/20240924112248_booking_reference_null_credential_on_delete
-- DropIndex
DROP INDEX "BookingReference_credentialId_idx";

-- Remove disconnected Credentials from bookingReference to prevent foreign key constraint error
UPDATE "BookingReference" br
SET "credentialId" = NULL
WHERE br."credentialId" IS NOT NULL
    AND NOT EXISTS (
        SELECT 1
        FROM "Credential" c
        WHERE c."id" = br."credentialId"
    );

-- AddForeignKey
ALTER TABLE "BookingReference" ADD CONSTRAINT "BookingReference_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20240925153154_add_hide_calendar_event_details
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "hideCalendarEventDetails" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20241001091544_add_api_key_rate_limit
-- CreateTable
CREATE TABLE "RateLimit" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "apiKeyId" TEXT NOT NULL,
    "ttl" INTEGER NOT NULL,
    "limit" INTEGER NOT NULL,
    "blockDuration" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RateLimit_apiKeyId_idx" ON "RateLimit"("apiKeyId");

-- AddForeignKey
ALTER TABLE "RateLimit" ADD CONSTRAINT "RateLimit_apiKeyId_fkey" FOREIGN KEY ("apiKeyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20241003145122_add_include_managed_events_in_limits_to_teams
-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "includeManagedEventsInLimits" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20241007134700_add_connection_bw_booking_and_routing_form_response
/*
  Warnings:

  - A unique constraint covering the columns `[routedToBookingUid]` on the table `App_RoutingForms_FormResponse` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "App_RoutingForms_FormResponse" ADD COLUMN     "routedToBookingUid" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "App_RoutingForms_FormResponse_routedToBookingUid_key" ON "App_RoutingForms_FormResponse"("routedToBookingUid");

-- AddForeignKey
ALTER TABLE "App_RoutingForms_FormResponse" ADD CONSTRAINT "App_RoutingForms_FormResponse_routedToBookingUid_fkey" FOREIGN KEY ("routedToBookingUid") REFERENCES "Booking"("uid") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20241008124232_remove_attribute_value_unique
-- DropIndex
DROP INDEX "AttributeOption_attributeId_value_key";

;

-- ===== packages/prisma/migrations/20241010070020_add_active
-- CreateIndex
CREATE INDEX "Webhook_active_idx" ON "Webhook"("active");

;

-- ===== packages/prisma/migrations/20241010171846_add_eventtype_parent_id_index
-- CreateIndex
CREATE INDEX "EventType_parentId_idx" ON "EventType"("parentId");

;

-- ===== packages/prisma/migrations/20241014202509_add_form_submitted_no_event_webhook
-- AlterEnum
ALTER TYPE "WebhookTriggerEvents" ADD VALUE 'FORM_SUBMITTED_NO_EVENT';

;

-- ===== packages/prisma/migrations/202410181114246_add_membership_indices
-- CreateIndex
CREATE INDEX "Membership_accepted_idx" ON "Membership"("accepted");

-- CreateIndex
CREATE INDEX "Membership_role_idx" ON "Membership"("role");

;

-- ===== packages/prisma/migrations/20241018121846_add_credentials_invalid_index
-- CreateIndex
CREATE INDEX "Credential_invalid_idx" ON "Credential"("invalid");

;

-- ===== packages/prisma/migrations/20241023041541_add_user_last_active_at
-- AlterTable
ALTER TABLE "users" ADD COLUMN     "lastActiveAt" TIMESTAMP(3);

;

-- ===== packages/prisma/migrations/20241025143558_add_reassign_reason_to_booking
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "reassignReason" TEXT;

;

-- ===== packages/prisma/migrations/20241028103610_add_segment_related_assignment_columns_event_type
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "assignRRMembersUsingSegment" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "rrSegmentQueryValue" JSONB;

;

-- ===== packages/prisma/migrations/20241031084229_add_reassign_by_column_to_booking
-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "reassignById" INTEGER;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_reassignById_fkey" FOREIGN KEY ("reassignById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20241101180315_add_created_at_to_host
-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

;

-- ===== packages/prisma/migrations/20241108222820_add_weights_to_attribute
-- AlterTable
ALTER TABLE "App_RoutingForms_FormResponse" ADD COLUMN     "chosenRouteId" TEXT;

-- AlterTable
ALTER TABLE "Attribute" ADD COLUMN     "isWeightsEnabled" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "AttributeToUser" ADD COLUMN     "weight" INTEGER;

;

-- ===== packages/prisma/migrations/20241114154333_add_max_lead_threshold
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "maxLeadThreshold" INTEGER;

;

-- ===== packages/prisma/migrations/20241114174956_add_instant_meeting_parameters
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "instantMeetingParameters" TEXT[];

;

-- ===== packages/prisma/migrations/20241114210330_add_event_type_translation_model
-- CreateEnum
CREATE TYPE "EventTypeAutoTranslatedField" AS ENUM ('DESCRIPTION');

-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "autoTranslateDescriptionEnabled" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "EventTypeTranslation" (
    "id" TEXT NOT NULL,
    "eventTypeId" INTEGER NOT NULL,
    "field" "EventTypeAutoTranslatedField" NOT NULL,
    "sourceLang" TEXT NOT NULL,
    "targetLang" TEXT NOT NULL,
    "translatedText" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" INTEGER,

    CONSTRAINT "EventTypeTranslation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EventTypeTranslation_eventTypeId_field_targetLang_idx" ON "EventTypeTranslation"("eventTypeId", "field", "targetLang");

-- CreateIndex
CREATE UNIQUE INDEX "EventTypeTranslation_eventTypeId_field_targetLang_key" ON "EventTypeTranslation"("eventTypeId", "field", "targetLang");

-- AddForeignKey
ALTER TABLE "EventTypeTranslation" ADD CONSTRAINT "EventTypeTranslation_eventTypeId_fkey" FOREIGN KEY ("eventTypeId") REFERENCES "EventType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20241116180203_add_missing_profile_id_idx
-- CreateIndex
CREATE INDEX "EventType_profileId_idx" ON "EventType"("profileId");

;

-- ===== packages/prisma/migrations/20241118085804_add_booking_seat_metadata
-- AlterTable
ALTER TABLE "BookingSeat" ADD COLUMN     "metadata" JSONB;

;

-- ===== packages/prisma/migrations/20241119132536_add_source_locale_and_target_locale
/*
  Warnings:

  - Added the required column `sourceLocale` to the `EventTypeTranslation` table without a default value. This is not possible if the table is not empty.
  - Added the required column `targetLocale` to the `EventTypeTranslation` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "EventTypeTranslation" ADD COLUMN "sourceLocale" TEXT,
ADD COLUMN "targetLocale" TEXT;

-- Update data
UPDATE "EventTypeTranslation" SET 
  "sourceLocale" = "sourceLang",
  "targetLocale" = "targetLang";

-- Then make NOT NULL after data is copied
ALTER TABLE "EventTypeTranslation" 
  ALTER COLUMN "sourceLocale" SET NOT NULL,
  ALTER COLUMN "targetLocale" SET NOT NULL;
;

-- ===== packages/prisma/migrations/20241119185538_add_index_for_user_and_team_features
-- CreateIndex
CREATE INDEX "TeamFeatures_teamId_featureId_idx" ON "TeamFeatures"("teamId", "featureId");

-- CreateIndex
CREATE INDEX "UserFeatures_userId_featureId_idx" ON "UserFeatures"("userId", "featureId");

;

-- ===== packages/prisma/migrations/20241120161007_update_event_type_translation
/*
  Warnings:

  - A unique constraint covering the columns `[eventTypeId,field,targetLocale]` on the table `EventTypeTranslation` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "EventTypeTranslation" ADD COLUMN     "uid" TEXT;

-- Copy data
UPDATE "EventTypeTranslation" SET 
  "uid" = "id";

-- CreateIndex
CREATE INDEX "EventTypeTranslation_eventTypeId_field_targetLocale_idx" ON "EventTypeTranslation"("eventTypeId", "field", "targetLocale");

-- CreateIndex
CREATE UNIQUE INDEX "EventTypeTranslation_eventTypeId_field_targetLocale_key" ON "EventTypeTranslation"("eventTypeId", "field", "targetLocale");

-- AddForeignKey
ALTER TABLE "EventTypeTranslation" ADD CONSTRAINT "EventTypeTranslation_createdBy_fkey" FOREIGN KEY ("createdBy") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EventTypeTranslation" ADD CONSTRAINT "EventTypeTranslation_updatedBy_fkey" FOREIGN KEY ("updatedBy") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20241121043631_add_assignment_reason_table
-- CreateEnum
CREATE TYPE "AssignmentReasonEnum" AS ENUM ('ROUTING_FORM_ROUTING', 'ROUTING_FORM_ROUTING_FALLBACK', 'REASSIGNED', 'REROUTED', 'SALESFORCE_ASSIGNMENT');

-- CreateTable
CREATE TABLE "AssignmentReason" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "bookingId" INTEGER NOT NULL,
    "reasonEnum" "AssignmentReasonEnum" NOT NULL,
    "reasonString" TEXT NOT NULL,

    CONSTRAINT "AssignmentReason_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AssignmentReason_id_key" ON "AssignmentReason"("id");

-- AddForeignKey
ALTER TABLE "AssignmentReason" ADD CONSTRAINT "AssignmentReason_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20241122050747_add_title_to_event_type_auto_translated_field
-- AlterEnum
ALTER TYPE "EventTypeAutoTranslatedField" ADD VALUE 'TITLE';

;

-- ===== packages/prisma/migrations/20241126132214_scim_attributes_sync_related_attrs_added
-- AlterTable
ALTER TABLE "Attribute" ADD COLUMN     "isLocked" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "AttributeOption" ADD COLUMN     "contains" TEXT[],
ADD COLUMN     "isGroup" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "AttributeToUser" ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "createdByDSyncId" TEXT,
ADD COLUMN     "createdById" INTEGER,
ADD COLUMN     "updatedAt" TIMESTAMP(3),
ADD COLUMN     "updatedByDSyncId" TEXT,
ADD COLUMN     "updatedById" INTEGER;

-- AddForeignKey
ALTER TABLE "AttributeToUser" ADD CONSTRAINT "AttributeToUser_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttributeToUser" ADD CONSTRAINT "AttributeToUser_createdByDSyncId_fkey" FOREIGN KEY ("createdByDSyncId") REFERENCES "DSyncData"("directoryId") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttributeToUser" ADD CONSTRAINT "AttributeToUser_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttributeToUser" ADD CONSTRAINT "AttributeToUser_updatedByDSyncId_fkey" FOREIGN KEY ("updatedByDSyncId") REFERENCES "DSyncData"("directoryId") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20241127102756_remove_fields_from_evenet_type_translation
/*
  Warnings:

  - The primary key for the `EventTypeTranslation` table will be changed. If it partially fails, the table could be left without primary key constraint.
  - You are about to drop the column `id` on the `EventTypeTranslation` table. All the data in the column will be lost.
  - You are about to drop the column `sourceLang` on the `EventTypeTranslation` table. All the data in the column will be lost.
  - You are about to drop the column `targetLang` on the `EventTypeTranslation` table. All the data in the column will be lost.
  - Made the column `uid` on table `EventTypeTranslation` required. This step will fail if there are existing NULL values in that column.

*/

-- Copy data
UPDATE "EventTypeTranslation" SET 
  "uid" = "id";

-- DropIndex
DROP INDEX "EventTypeTranslation_eventTypeId_field_targetLang_idx";

-- DropIndex
DROP INDEX "EventTypeTranslation_eventTypeId_field_targetLang_key";

-- AlterTable
ALTER TABLE "EventTypeTranslation" DROP CONSTRAINT "EventTypeTranslation_pkey",
DROP COLUMN "id",
DROP COLUMN "sourceLang",
DROP COLUMN "targetLang",
ALTER COLUMN "uid" SET NOT NULL,
ADD CONSTRAINT "EventTypeTranslation_pkey" PRIMARY KEY ("uid");

;

-- ===== packages/prisma/migrations/20241129194340_add_requires_confirmation_for_free_email_to_eventtype
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "requiresConfirmationForFreeEmail" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20241202182411_add_watchlist
-- CreateEnum
CREATE TYPE "WatchlistType" AS ENUM ('EMAIL', 'DOMAIN', 'USERNAME');

-- CreateTable
CREATE TABLE "Watchlist" (
    "id" TEXT NOT NULL,
    "type" "WatchlistType" NOT NULL,
    "value" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" INTEGER,

    CONSTRAINT "Watchlist_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Watchlist_id_key" ON "Watchlist"("id");

-- CreateIndex
CREATE INDEX "Watchlist_type_value_idx" ON "Watchlist"("type", "value");

-- CreateIndex
CREATE UNIQUE INDEX "Watchlist_type_value_key" ON "Watchlist"("type", "value");

-- AddForeignKey
ALTER TABLE "Watchlist" ADD CONSTRAINT "Watchlist_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Watchlist" ADD CONSTRAINT "Watchlist_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20241203184322_add_watchlist_severity
-- CreateEnum
CREATE TYPE "WatchlistSeverity" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- AlterTable
ALTER TABLE "Watchlist" ADD COLUMN     "severity" "WatchlistSeverity" NOT NULL DEFAULT 'LOW';

;

-- ===== packages/prisma/migrations/20241205095738_add_feature_flag_domain_wide_delegation
INSERT INTO
  "Feature" (slug, enabled, description, "type")
VALUES
  (
    'domain-wide-delegation',
    false,
    'Enable Google Workspace Domain-Wide Delegation - Allows system to act on behalf of Google Workspace users.',
    'OPERATIONAL'
  ) ON CONFLICT (slug) DO NOTHING;

;

-- ===== packages/prisma/migrations/20241206131352_add_dwd
-- AlterTable
ALTER TABLE "BookingReference" ADD COLUMN     "domainWideDelegationCredentialId" TEXT;

-- AlterTable
ALTER TABLE "DestinationCalendar" ADD COLUMN     "domainWideDelegationCredentialId" TEXT;

-- AlterTable
ALTER TABLE "SelectedCalendar" ADD COLUMN     "domainWideDelegationCredentialId" TEXT;

-- CreateTable
CREATE TABLE "DomainWideDelegation" (
    "id" TEXT NOT NULL,
    "workspacePlatformId" INTEGER NOT NULL,
    "serviceAccountKey" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "organizationId" INTEGER NOT NULL,
    "domain" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DomainWideDelegation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkspacePlatform" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "defaultServiceAccountKey" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "WorkspacePlatform_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DomainWideDelegation_organizationId_domain_key" ON "DomainWideDelegation"("organizationId", "domain");

-- CreateIndex
CREATE UNIQUE INDEX "WorkspacePlatform_slug_key" ON "WorkspacePlatform"("slug");

-- AddForeignKey
ALTER TABLE "DestinationCalendar" ADD CONSTRAINT "DestinationCalendar_domainWideDelegationCredentialId_fkey" FOREIGN KEY ("domainWideDelegationCredentialId") REFERENCES "DomainWideDelegation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingReference" ADD CONSTRAINT "BookingReference_domainWideDelegationCredentialId_fkey" FOREIGN KEY ("domainWideDelegationCredentialId") REFERENCES "DomainWideDelegation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelectedCalendar" ADD CONSTRAINT "SelectedCalendar_domainWideDelegationCredentialId_fkey" FOREIGN KEY ("domainWideDelegationCredentialId") REFERENCES "DomainWideDelegation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DomainWideDelegation" ADD CONSTRAINT "DomainWideDelegation_workspacePlatformId_fkey" FOREIGN KEY ("workspacePlatformId") REFERENCES "WorkspacePlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DomainWideDelegation" ADD CONSTRAINT "DomainWideDelegation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20241212164338_create_routing_form_response
CREATE OR REPLACE VIEW "RoutingFormResponse" AS
WITH attendees_agg AS (
  SELECT 
    a."bookingId",
    json_agg(
      json_build_object(
        'name', a.name,
        'timeZone', a."timeZone",
        'email', a.email
      )
    ) as attendees
  FROM "Attendee" a
  GROUP BY a."bookingId"
),
assignment_reasons_agg AS (
  SELECT 
    ar."bookingId",
    json_agg(
      json_build_object(
        'reasonString', ar."reasonString"
      )
    ) as reasons
  FROM "AssignmentReason" ar
  GROUP BY ar."bookingId"
)
SELECT 
  r.id,
  r.response,
  (
    SELECT jsonb_object_agg(
      key,
      CASE 
        WHEN jsonb_typeof(value->'value') = 'string' 
        THEN jsonb_build_object(
          'label', value->'label',
          'value', lower((value->>'value')::text)
        )
        ELSE value
      END
    )
    FROM jsonb_each(r.response::jsonb)
  ) as "responseLowercase",
  f.id as "formId",
  f.name as "formName",
  f."teamId" as "formTeamId",
  f."userId" as "formUserId",
  b.uid as "bookingUid",
  b.status as "bookingStatus",
  CASE b.status
    WHEN 'accepted' THEN 1
    WHEN 'pending' THEN 2
    WHEN 'awaiting_host' THEN 3
    WHEN 'cancelled' THEN 4
    WHEN 'rejected' THEN 5
  END as "bookingStatusOrder",
  b."createdAt" as "bookingCreatedAt",
  b."startTime" as "bookingStartTime",
  b."endTime" as "bookingEndTime",
  att.attendees as "bookingAttendees",
  u.id as "bookingUserId",
  u.name as "bookingUserName",
  u.email as "bookingUserEmail",
  u."avatarUrl" as "bookingUserAvatarUrl",
  COALESCE((ar.reasons->0)->>'reasonString', '') as "bookingAssignmentReason",
  LOWER(COALESCE((ar.reasons->0)->>'reasonString', '')) as "bookingAssignmentReasonLowercase",
  r."createdAt" as "createdAt"
FROM "App_RoutingForms_FormResponse" r
LEFT JOIN "App_RoutingForms_Form" f ON r."formId" = f.id
LEFT JOIN "Booking" b ON r."routedToBookingUid" = b.uid
LEFT JOIN attendees_agg att ON b.id = att."bookingId"
LEFT JOIN "users" u ON b."userId" = u.id
LEFT JOIN assignment_reasons_agg ar ON b.id = ar."bookingId";
;

-- ===== packages/prisma/migrations/20241216000000_add_calendar_cache_serve
INSERT INTO
  "Feature" (slug, enabled, description, "type")
VALUES
  (
    'calendar-cache-serve',
    false,
    'Whether to serve calendar cache by default or not on a team/user basis.',
    'OPERATIONAL'
  ) ON CONFLICT (slug) DO NOTHING;

;

-- ===== packages/prisma/migrations/20241218125130_add_optional_uuid_two_step_primary_key
-- AlterTable
ALTER TABLE "SelectedCalendar" ADD COLUMN     "id" TEXT;

-- Update all historical rows (id) to `gen_random_uuid`
UPDATE "SelectedCalendar" SET "id" = gen_random_uuid() WHERE "id" IS NULL;
;

-- ===== packages/prisma/migrations/20241218143848_add_event_to_selected_calendar_make_id_required
/*
  Warnings:

  - The primary key for the `SelectedCalendar` table will be changed. If it partially fails, the table could be left without primary key constraint.
  - A unique constraint covering the columns `[userId,integration,externalId,eventTypeId]` on the table `SelectedCalendar` will be added. If there are existing duplicate values, this will fail.
  - A unique constraint covering the columns `[googleChannelId,eventTypeId]` on the table `SelectedCalendar` will be added. If there are existing duplicate values, this will fail.
  - Made the column `id` on table `SelectedCalendar` required. This step will fail if there are existing NULL values in that column.

*/
-- DropIndex
DROP INDEX "SelectedCalendar_googleChannelId_key";

-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "useEventLevelSelectedCalendars" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "SelectedCalendar" DROP CONSTRAINT "SelectedCalendar_pkey",
ADD COLUMN     "eventTypeId" INTEGER,
ALTER COLUMN "id" SET NOT NULL,
ADD CONSTRAINT "SelectedCalendar_pkey" PRIMARY KEY ("id");

-- CreateIndex
CREATE INDEX "SelectedCalendar_eventTypeId_idx" ON "SelectedCalendar"("eventTypeId");

-- CreateIndex
CREATE UNIQUE INDEX "SelectedCalendar_userId_integration_externalId_eventTypeId_key" ON "SelectedCalendar"("userId", "integration", "externalId", "eventTypeId");

-- CreateIndex
CREATE UNIQUE INDEX "SelectedCalendar_googleChannelId_eventTypeId_key" ON "SelectedCalendar"("googleChannelId", "eventTypeId");

-- AddForeignKey
ALTER TABLE "SelectedCalendar" ADD CONSTRAINT "SelectedCalendar_eventTypeId_fkey" FOREIGN KEY ("eventTypeId") REFERENCES "EventType"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20241218164539_add_selected_calendar_error
-- AlterTable
ALTER TABLE "SelectedCalendar" ADD COLUMN     "error" TEXT;

;

-- ===== packages/prisma/migrations/20241223163249_allow_rescheduling_past_booking_setting
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "allowReschedulingPastBookings" BOOLEAN NOT NULL DEFAULT false;

;

-- ===== packages/prisma/migrations/20241224023424_add_index_team_id_on_attribute
-- CreateIndex
CREATE INDEX "Attribute_teamId_idx" ON "Attribute"("teamId");

;

-- ===== packages/prisma/migrations/20241230140747531_add_salesforce_crm_tasker
INSERT INTO
  "Feature" (slug, enabled, description, "type")
VALUES
  (
    'salesforce-crm-tasker',
    false,
    'Whether to use tasker for Salesforce CRM event creation or not on a team/user basis.',
    'OPERATIONAL'
  ) ON CONFLICT (slug) DO NOTHING;

;

-- ===== packages/prisma/migrations/20250108095727_assignment_reason_index
-- CreateIndex
CREATE INDEX "AssignmentReason_bookingId_idx" ON "AssignmentReason"("bookingId");

;

-- ===== packages/prisma/migrations/20250109145213_update_routing_form_response
CREATE OR REPLACE VIEW "RoutingFormResponse" AS
WITH assignment_reasons_agg AS (
  SELECT
    ar."bookingId",
    json_agg(
      json_build_object(
        'reasonString', ar."reasonString"
      )
    ) as reasons
  FROM "AssignmentReason" ar
  GROUP BY ar."bookingId"
)
SELECT
  r.id,
  r.response,
  (
    SELECT jsonb_object_agg(
      key,
      CASE
        WHEN jsonb_typeof(value->'value') = 'string'
        THEN jsonb_build_object(
          'label', value->'label',
          'value', lower((value->>'value')::text)
        )
        ELSE value
      END
    )
    FROM jsonb_each(r.response::jsonb)
  ) as "responseLowercase",
  f.id as "formId",
  f.name as "formName",
  f."teamId" as "formTeamId",
  f."userId" as "formUserId",
  b.uid as "bookingUid",
  b.status as "bookingStatus",
  CASE b.status
    WHEN 'accepted' THEN 1
    WHEN 'pending' THEN 2
    WHEN 'awaiting_host' THEN 3
    WHEN 'cancelled' THEN 4
    WHEN 'rejected' THEN 5
  END as "bookingStatusOrder",
  b."createdAt" as "bookingCreatedAt",
  b."startTime" as "bookingStartTime",
  b."endTime" as "bookingEndTime",
  (SELECT
    json_agg(
      json_build_object(
        'name', a.name, 'timeZone', a."timeZone", 'email', a.email
      )
    )
    FROM "Attendee" a
    WHERE "a"."bookingId" = b.id
  ) as "bookingAttendees",
  u.id as "bookingUserId",
  u.name as "bookingUserName",
  u.email as "bookingUserEmail",
  u."avatarUrl" as "bookingUserAvatarUrl",
  COALESCE((ar.reasons->0)->>'reasonString', '') as "bookingAssignmentReason",
  LOWER(COALESCE((ar.reasons->0)->>'reasonString', '')) as "bookingAssignmentReasonLowercase",
  r."createdAt" as "createdAt"
FROM "App_RoutingForms_FormResponse" r
LEFT JOIN "App_RoutingForms_Form" f ON r."formId" = f.id
LEFT JOIN "Booking" b ON r."routedToBookingUid" = b.uid
LEFT JOIN "users" u ON b."userId" = u.id
LEFT JOIN assignment_reasons_agg ar ON b.id = ar."bookingId";

;

-- ===== packages/prisma/migrations/20250109161330_update_routing_form_response
CREATE OR REPLACE VIEW "RoutingFormResponse" AS
SELECT
  r.id,
  r.response,
  (
    SELECT jsonb_object_agg(
      key,
      CASE
        WHEN jsonb_typeof(value->'value') = 'string'
        THEN jsonb_build_object(
          'label', value->'label',
          'value', lower((value->>'value')::text)
        )
        ELSE value
      END
    )
    FROM jsonb_each(r.response::jsonb)
  ) as "responseLowercase",
  f.id as "formId",
  f.name as "formName",
  f."teamId" as "formTeamId",
  f."userId" as "formUserId",
  b.uid as "bookingUid",
  b.status as "bookingStatus",
  CASE b.status
    WHEN 'accepted' THEN 1
    WHEN 'pending' THEN 2
    WHEN 'awaiting_host' THEN 3
    WHEN 'cancelled' THEN 4
    WHEN 'rejected' THEN 5
  END as "bookingStatusOrder",
  b."createdAt" as "bookingCreatedAt",
  b."startTime" as "bookingStartTime",
  b."endTime" as "bookingEndTime",
  (SELECT
    json_agg(
      json_build_object(
        'name', a.name, 'timeZone', a."timeZone", 'email', a.email
      )
    )
    FROM "Attendee" a
    WHERE "a"."bookingId" = b.id
  ) as "bookingAttendees",
  u.id as "bookingUserId",
  u.name as "bookingUserName",
  u.email as "bookingUserEmail",
  u."avatarUrl" as "bookingUserAvatarUrl",
  COALESCE(
    (
      SELECT
        ar."reasonString"
      FROM "AssignmentReason" ar
      WHERE ar."bookingId" = b.id
      LIMIT 1
    ),
    ''
  ) as "bookingAssignmentReason",
  COALESCE(
    (
      SELECT
        LOWER(ar."reasonString")
      FROM "AssignmentReason" ar
      WHERE ar."bookingId" = b.id
      LIMIT 1
    ),
    ''
  ) as "bookingAssignmentReasonLowercase",
  r."createdAt" as "createdAt"
FROM "App_RoutingForms_FormResponse" r
LEFT JOIN "App_RoutingForms_Form" f ON r."formId" = f.id
LEFT JOIN "Booking" b ON r."routedToBookingUid" = b.uid
LEFT JOIN "users" u ON b."userId" = u.id

;

-- ===== packages/prisma/migrations/20250113170733_add_routingforms_incompletebooking_action_table
-- CreateEnum
CREATE TYPE "IncompleteBookingActionType" AS ENUM ('SALESFORCE');

-- CreateTable
CREATE TABLE "App_RoutingForms_IncompleteBookingActions" (
    "id" SERIAL NOT NULL,
    "formId" TEXT NOT NULL,
    "actionType" "IncompleteBookingActionType" NOT NULL,
    "data" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "credentialId" INTEGER,

    CONSTRAINT "App_RoutingForms_IncompleteBookingActions_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "App_RoutingForms_IncompleteBookingActions" ADD CONSTRAINT "App_RoutingForms_IncompleteBookingActions_formId_fkey" FOREIGN KEY ("formId") REFERENCES "App_RoutingForms_Form"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20250120135752_add_creation_source_for_bookings_and_users
-- CreateEnum
CREATE TYPE "CreationSource" AS ENUM ('api_v1', 'api_v2', 'webapp');

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "creationSource" "CreationSource";

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "creationSource" "CreationSource";

;

-- ===== packages/prisma/migrations/20250122083420_create_internal_notes_tables
-- CreateTable
CREATE TABLE "InternalNotePreset" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "cancellationReason" TEXT,
    "teamId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InternalNotePreset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BookingInternalNote" (
    "id" SERIAL NOT NULL,
    "notePresetId" INTEGER,
    "text" TEXT,
    "bookingId" INTEGER NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BookingInternalNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InternalNotePreset_teamId_idx" ON "InternalNotePreset"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "InternalNotePreset_teamId_name_key" ON "InternalNotePreset"("teamId", "name");

-- CreateIndex
CREATE INDEX "BookingInternalNote_bookingId_idx" ON "BookingInternalNote"("bookingId");

-- CreateIndex
CREATE UNIQUE INDEX "BookingInternalNote_bookingId_notePresetId_key" ON "BookingInternalNote"("bookingId", "notePresetId");

-- CreateIndex
CREATE INDEX "Impersonations_impersonatedUserId_idx" ON "Impersonations"("impersonatedUserId");

-- CreateIndex
CREATE INDEX "Impersonations_impersonatedById_idx" ON "Impersonations"("impersonatedById");

-- AddForeignKey
ALTER TABLE "InternalNotePreset" ADD CONSTRAINT "InternalNotePreset_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingInternalNote" ADD CONSTRAINT "BookingInternalNote_notePresetId_fkey" FOREIGN KEY ("notePresetId") REFERENCES "InternalNotePreset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingInternalNote" ADD CONSTRAINT "BookingInternalNote_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingInternalNote" ADD CONSTRAINT "BookingInternalNote_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20250203180603_add_can_send_transcription_email
-- AlterTable
ALTER TABLE "EventType" ADD COLUMN     "canSendCalVideoTranscriptionEmails" BOOLEAN NOT NULL DEFAULT true;

;

-- ===== packages/prisma/migrations/20250204105304_add_updated_by_to_routing_form
-- AlterTable
ALTER TABLE "App_RoutingForms_Form" ADD COLUMN     "updatedById" INTEGER;

-- AddForeignKey
ALTER TABLE "App_RoutingForms_Form" ADD CONSTRAINT "App_RoutingForms_Form_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20250210114958_add_default_event_types_enabled_to_platform_oauth_client
-- AlterTable
ALTER TABLE "PlatformOAuthClient" ADD COLUMN     "areDefaultEventTypesEnabled" BOOLEAN NOT NULL DEFAULT true;

;

-- ===== packages/prisma/migrations/20250213092458_allow_non_unique_platform_billing_customer_id
-- DropIndex
DROP INDEX "PlatformBilling_customerId_key";

;

-- ===== packages/prisma/migrations/20250213092715_add_platform_billing_managed_organizations_fields
-- AlterTable
ALTER TABLE "PlatformBilling" ADD COLUMN     "managerBillingId" INTEGER;

-- AddForeignKey
ALTER TABLE "PlatformBilling" ADD CONSTRAINT "PlatformBilling_managerBillingId_fkey" FOREIGN KEY ("managerBillingId") REFERENCES "PlatformBilling"("id") ON DELETE SET NULL ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20250213093931_create_managed_organization_table
-- CreateTable
CREATE TABLE "ManagedOrganization" (
    "managedOrganizationId" INTEGER NOT NULL,
    "managerOrganizationId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "ManagedOrganization_managedOrganizationId_key" ON "ManagedOrganization"("managedOrganizationId");

-- CreateIndex
CREATE INDEX "ManagedOrganization_managerOrganizationId_idx" ON "ManagedOrganization"("managerOrganizationId");

-- AddForeignKey
ALTER TABLE "ManagedOrganization" ADD CONSTRAINT "ManagedOrganization_managedOrganizationId_fkey" FOREIGN KEY ("managedOrganizationId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ManagedOrganization" ADD CONSTRAINT "ManagedOrganization_managerOrganizationId_fkey" FOREIGN KEY ("managerOrganizationId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20250213144302_add_managed_organizations_unique_constraint
/*
  Warnings:

  - A unique constraint covering the columns `[managerOrganizationId,managedOrganizationId]` on the table `ManagedOrganization` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateIndex
CREATE UNIQUE INDEX "ManagedOrganization_managerOrganizationId_managedOrganizati_key" ON "ManagedOrganization"("managerOrganizationId", "managedOrganizationId");

;

-- ===== packages/prisma/migrations/20250218111500_add_org_onboarding
-- CreateEnum
CREATE TYPE "BillingPeriod" AS ENUM ('MONTHLY', 'ANNUALLY');

-- CreateTable
CREATE TABLE "OrganizationOnboarding" (
    "id" TEXT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "orgOwnerEmail" TEXT NOT NULL,
    "error" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "organizationId" INTEGER,
    "billingPeriod" "BillingPeriod" NOT NULL,
    "pricePerSeat" DOUBLE PRECISION NOT NULL,
    "seats" INTEGER NOT NULL,
    "isPlatform" BOOLEAN NOT NULL DEFAULT false,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "logo" TEXT,
    "bio" TEXT,
    "isDomainConfigured" BOOLEAN NOT NULL DEFAULT false,
    "stripeCustomerId" TEXT,
    "stripeSubscriptionId" TEXT,
    "stripeSubscriptionItemId" TEXT,
    "invitedMembers" JSONB NOT NULL DEFAULT '[]',
    "teams" JSONB NOT NULL DEFAULT '[]',
    "isComplete" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "OrganizationOnboarding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationOnboarding_orgOwnerEmail_key" ON "OrganizationOnboarding"("orgOwnerEmail");

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationOnboarding_organizationId_key" ON "OrganizationOnboarding"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "OrganizationOnboarding_stripeCustomerId_key" ON "OrganizationOnboarding"("stripeCustomerId");

-- CreateIndex
CREATE INDEX "OrganizationOnboarding_orgOwnerEmail_idx" ON "OrganizationOnboarding"("orgOwnerEmail");

-- CreateIndex
CREATE INDEX "OrganizationOnboarding_stripeCustomerId_idx" ON "OrganizationOnboarding"("stripeCustomerId");

-- AddForeignKey
ALTER TABLE "OrganizationOnboarding" ADD CONSTRAINT "OrganizationOnboarding_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganizationOnboarding" ADD CONSTRAINT "OrganizationOnboarding_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20250221140631_add_rr_reset_interval_to_team
-- CreateEnum
CREATE TYPE "RRResetInterval" AS ENUM ('MONTH', 'DAY');

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "rrResetInterval" "RRResetInterval" DEFAULT 'MONTH';

;

-- ===== packages/prisma/migrations/20250226133600_add_last_failed_attempt_to_task
-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "lastFailedAttemptAt" TIMESTAMP(3);

;

-- ===== packages/prisma/migrations/20250305114246_delegation_credentials_schema
-- AlterTable
ALTER TABLE "BookingReference" ADD COLUMN     "delegationCredentialId" TEXT;

-- AlterTable
ALTER TABLE "DestinationCalendar" ADD COLUMN     "delegationCredentialId" TEXT;

-- AlterTable
ALTER TABLE "SelectedCalendar" ADD COLUMN     "delegationCredentialId" TEXT;

-- CreateTable
CREATE TABLE "DelegationCredential" (
    "id" TEXT NOT NULL,
    "workspacePlatformId" INTEGER NOT NULL,
    "serviceAccountKey" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "organizationId" INTEGER NOT NULL,
    "domain" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DelegationCredential_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DelegationCredential_organizationId_domain_key" ON "DelegationCredential"("organizationId", "domain");

-- AddForeignKey
ALTER TABLE "DestinationCalendar" ADD CONSTRAINT "DestinationCalendar_delegationCredentialId_fkey" FOREIGN KEY ("delegationCredentialId") REFERENCES "DelegationCredential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BookingReference" ADD CONSTRAINT "BookingReference_delegationCredentialId_fkey" FOREIGN KEY ("delegationCredentialId") REFERENCES "DelegationCredential"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelectedCalendar" ADD CONSTRAINT "SelectedCalendar_delegationCredentialId_fkey" FOREIGN KEY ("delegationCredentialId") REFERENCES "DelegationCredential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DelegationCredential" ADD CONSTRAINT "DelegationCredential_workspacePlatformId_fkey" FOREIGN KEY ("workspacePlatformId") REFERENCES "WorkspacePlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DelegationCredential" ADD CONSTRAINT "DelegationCredential_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Insert New Delegation Credential Flag
INSERT INTO
  "Feature" (slug, enabled, description, "type")
VALUES
  (
    'delegation-credential',
    false,
    'Enable Delegation Credentials - Allows system to act on behalf of Workspace users on third parties such as google,oulook, etc ...',
    'OPERATIONAL'
  ) ON CONFLICT (slug) DO NOTHING;

;

-- ===== packages/prisma/migrations/20250311134135_add_tracking_to_booking
-- CreateTable
CREATE TABLE "Tracking" (
    "id" SERIAL NOT NULL,
    "bookingId" INTEGER NOT NULL,
    "utm_source" TEXT,
    "utm_medium" TEXT,
    "utm_campaign" TEXT,
    "utm_term" TEXT,
    "utm_content" TEXT,

    CONSTRAINT "Tracking_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Tracking_bookingId_key" ON "Tracking"("bookingId");

-- AddForeignKey
ALTER TABLE "Tracking" ADD CONSTRAINT "Tracking_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "Booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

;

-- ===== packages/prisma/migrations/20250313110448_update_routing_form_response
CREATE OR REPLACE VIEW "RoutingFormResponse" AS
SELECT
  r.id,
  r.response,
  (
    SELECT jsonb_object_agg(
      key,
      CASE
        WHEN jsonb_typeof(value->'value') = 'string'
        THEN jsonb_build_object(
          'label', value->'label',
          'value', lower((value->>'value')::text)
        )
        ELSE value
      END
    )
    FROM jsonb_each(r.response::jsonb)
  ) as "responseLowercase",
  f.id as "formId",
  f.name as "formName",
  f."teamId" as "formTeamId",
  f."userId" as "formUserId",
  b.uid as "bookingUid",
  b.status as "bookingStatus",

  CASE b.status
    WHEN 'accepted' THEN 1
    WHEN 'pending' THEN 2
    WHEN 'awaiting_host' THEN 3
    WHEN 'cancelled' THEN 4
    WHEN 'rejected' THEN 5
  END as "bookingStatusOrder",
  b."createdAt" as "bookingCreatedAt",
  b."startTime" as "bookingStartTime",
  b."endTime" as "bookingEndTime",
  (SELECT
    json_agg(
      json_build_object(
        'name', a.name, 'timeZone', a."timeZone", 'email', a.email
      )
    )
    FROM "Attendee" a
    WHERE "a"."bookingId" = b.id
  ) as "bookingAttendees",
  u.id as "bookingUserId",
  u.name as "bookingUserName",
  u.email as "bookingUserEmail",
  u."avatarUrl" as "bookingUserAvatarUrl",
  COALESCE(
    (
      SELECT
        ar."reasonString"
      FROM "AssignmentReason" ar
      WHERE ar."bookingId" = b.id
      LIMIT 1
    ),
    ''
  ) as "bookingAssignmentReason",
  COALESCE(
    (
      SELECT
        LOWER(ar."reasonString")
      FROM "AssignmentReason" ar
      WHERE ar."bookingId" = b.id
      LIMIT 1
    ),
    ''
  ) as "bookingAssignmentReasonLowercase",
  r."createdAt" as "createdAt",
    -- UTM parameters from Tracking table
  t.utm_source as "utm_source",
  t.utm_medium as "utm_medium",
  t.utm_campaign as "utm_campaign",
  t.utm_term as "utm_term",
  t.utm_content as "utm_content"
FROM "App_RoutingForms_FormResponse" r
LEFT JOIN "App_RoutingForms_Form" f ON r."formId" = f.id
LEFT JOIN "Booking" b ON r."routedToBookingUid" = b.uid
LEFT JOIN "users" u ON b."userId" = u.id
LEFT JOIN "Tracking" t ON t."bookingId" = b.id;

;
