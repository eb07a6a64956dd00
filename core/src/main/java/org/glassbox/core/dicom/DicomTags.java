package org.glassbox.core.dicom;

/**
 * Tags GlassBox reads by name (PS3.6 data dictionary). Values are (group &lt;&lt; 16) | element.
 */
public final class DicomTags {
    private DicomTags() {
    }

    public static final int TransferSyntaxUID = 0x00020010;
    public static final int MediaStorageSOPClassUID = 0x00020002;
    public static final int MediaStorageSOPInstanceUID = 0x00020003;

    public static final int SpecificCharacterSet = 0x00080005;
    public static final int ImageType = 0x00080008;
    public static final int SOPClassUID = 0x00080016;
    public static final int SOPInstanceUID = 0x00080018;
    public static final int StudyDate = 0x00080020;
    public static final int SeriesDate = 0x00080021;
    public static final int AcquisitionDate = 0x00080022;
    public static final int ContentDate = 0x00080023;
    public static final int StudyTime = 0x00080030;
    public static final int AccessionNumber = 0x00080050;
    public static final int Modality = 0x00080060;
    public static final int Manufacturer = 0x00080070;
    public static final int InstitutionName = 0x00080080;
    public static final int InstitutionAddress = 0x00080081;
    public static final int ReferringPhysicianName = 0x00080090;
    public static final int StationName = 0x00081010;
    public static final int StudyDescription = 0x00081030;
    public static final int SeriesDescription = 0x0008103E;
    public static final int ManufacturerModelName = 0x00081090;

    public static final int PatientName = 0x00100010;
    public static final int PatientID = 0x00100020;
    public static final int PatientBirthDate = 0x00100030;
    public static final int PatientSex = 0x00100040;
    public static final int PatientAge = 0x00101010;
    public static final int PatientIdentityRemoved = 0x00120062;
    public static final int DeidentificationMethod = 0x00120063;
    public static final int DeidentificationMethodCodeSequence = 0x00120064;

    public static final int BodyPartExamined = 0x00180015;
    public static final int ViewPosition = 0x00185101;

    public static final int StudyInstanceUID = 0x0020000D;
    public static final int SeriesInstanceUID = 0x0020000E;
    public static final int StudyID = 0x00200010;
    public static final int SeriesNumber = 0x00200011;
    public static final int InstanceNumber = 0x00200013;

    public static final int SamplesPerPixel = 0x00280002;
    public static final int PhotometricInterpretation = 0x00280004;
    public static final int PlanarConfiguration = 0x00280006;
    public static final int NumberOfFrames = 0x00280008;
    public static final int Rows = 0x00280010;
    public static final int Columns = 0x00280011;
    public static final int BitsAllocated = 0x00280100;
    public static final int BitsStored = 0x00280101;
    public static final int HighBit = 0x00280102;
    public static final int PixelRepresentation = 0x00280103;
    public static final int BurnedInAnnotation = 0x00280301;
    public static final int WindowCenter = 0x00281050;
    public static final int WindowWidth = 0x00281051;
    public static final int RescaleIntercept = 0x00281052;
    public static final int RescaleSlope = 0x00281053;
    public static final int RescaleType = 0x00281054;
    public static final int WindowCenterWidthExplanation = 0x00281055;
    public static final int VOILUTFunction = 0x00281056;
    public static final int ModalityLUTSequence = 0x00283000;
    public static final int VOILUTSequence = 0x00283010;
    public static final int LUTDescriptor = 0x00283002;
    public static final int LUTExplanation = 0x00283003;
    public static final int ModalityLUTType = 0x00283004;
    public static final int LUTData = 0x00283006;
    public static final int PresentationLUTShape = 0x20500020;

    public static final int PixelData = 0x7FE00010;

    /** Private data elements have an odd group number (PS3.5 7.8). */
    public static boolean isPrivate(int tag) {
        return ((tag >>> 16) & 1) == 1;
    }

    /** "(gggg,eeee)" */
    public static String format(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }
}
