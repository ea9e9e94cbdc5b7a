import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import type { EvidencePhase } from '@app/domain';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** The text fields sent with an evidence file (multipart/form-data). */
export class EvidenceUploadFieldsDto {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  measureId?: string;

  @IsOptional()
  @IsIn(['BEFORE', 'AFTER'])
  phase?: EvidencePhase;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  lastingMechanism?: boolean;
}
